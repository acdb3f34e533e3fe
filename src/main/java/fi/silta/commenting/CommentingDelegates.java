package fi.silta.commenting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.silta.cases.Deadlines;
import fi.silta.engine.Refusals;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationType;
import fi.silta.portal.forms.FormVariables;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * Thin delegates and listeners of {@code planCommentingRound}: each reads the engine's variables,
 * hands them to {@link CommentingRoundService} and turns a refusal into a Tasklist message in
 * Finnish, Swedish and English (nothing stored).
 */
@Configuration(proxyBeanMethods = false)
public class CommentingDelegates {

    static final String ROUND_ID = "commentingRoundId";
    static final String CLOSES_AT = "closesAt";
    static final String NEXT_REMINDER_AT = "nextReminderAt";
    static final String ANSWER_COUNT = "answerCount";
    static final String APPROVED = "synthesisApproved";
    private static final String FIELD_PREFIX = "commenting.round.field.";
    private static final int ORGANISATION_OPTIONS_MAX = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** StartEvent_RoundDrafted: checks the start form, stores the round, business key {@code LAUSUNTO-<year>-<n>}. */
    @Bean
    ExecutionListener createCommentingRound(CommentingRoundService rounds, StaffDirectory staff, Refusals refusals) {
        return execution -> {
            CommentingRoundService.Draft draft = refusals.refusing(FIELD_PREFIX,
                    () -> rounds.draft(FormVariables.fromEngine(execution.getVariables())));
            CommentingRound round = rounds.create(execution.getProcessInstanceId(), draft);
            execution.setProcessBusinessKey(round.reference());
            execution.setVariable(ROUND_ID, round.id());
            execution.setVariable("caseReference", round.reference());
            execution.setVariable("titleFi", round.titleFi());
            execution.setVariable(CLOSES_AT, iso(round));
            Object initiator = execution.getVariable("initiator");
            if (initiator != null && staff.isMember(initiator.toString(), Roles.COORDINATOR.groupId())) {
                execution.setVariable("contactPerson", initiator.toString());
            }
        };
    }

    /**
     * Task_ConfigureRound created: its choices as task-local JSON {@code {label, value}} lists (the
     * registry's organisations, the saved groups, coordinators and decision makers) and the deadline
     * as people read it.
     */
    @Bean
    TaskListener fillCommentingConfiguration(CommentingRoundRepository repository, OrganisationRepository organisations,
            StaffDirectory staff, MessageSource messages) {
        return task -> {
            CommentingRound round = round(repository, task);
            Locale fi = Locales.FINNISH;
            task.setVariableLocal("organisationOptions", options(organisations.search("", ORGANISATION_OPTIONS_MAX).stream()
                    .map(o -> option(o.name() + (o.businessId() == null ? "" : " (" + o.businessId() + ")"), String.valueOf(o.id()))).toList()));
            List<Map<String, String>> groups = new ArrayList<>();
            for (OrganisationType type : OrganisationType.values()) {
                groups.add(option(messages.getMessage("commenting.round.group." + type.name(), null, fi), type.name()));
            }
            task.setVariableLocal("groupOptions", options(groups));
            task.setVariableLocal("contactOptions", options(staff.members(Roles.COORDINATOR.groupId()).stream()
                    .map(m -> option(m.name(), m.id())).toList()));
            task.setVariableLocal("decisionMakerOptions", options(staff.members(Roles.DECISION_MAKER.groupId()).stream()
                    .map(m -> option(m.name(), m.id())).toList()));
            task.setVariableLocal("closesAtText", new Formats(fi).weekdayDateTime(iso(round)));
        };
    }

    /** Task_ConfigureRound completed: checks the configuration and stores it with the invitations and info sessions. */
    @Bean
    TaskListener saveCommentingConfiguration(CommentingRoundService rounds, CommentingRoundRepository repository, Refusals refusals) {
        return task -> {
            CommentingRound round = round(repository, task);
            CommentingRoundService.Configuration configuration = refusals.refusing(FIELD_PREFIX,
                    () -> rounds.configuration(round, FormVariables.fromEngine(task.getVariables())));
            rounds.configure(round.id(), configuration);
            task.getExecution().setVariable("decisionMaker", configuration.decisionMaker());
        };
    }

    /**
     * Task_PublishRound: on the portal until the deadline; the deadline's and the first reminder's
     * times for the timers (from the round, not from variables a task's form could have set).
     */
    @Bean
    JavaDelegate publishCommentingRound(CommentingRoundService rounds, CommentingRoundRepository repository, Refusals refusals) {
        return execution -> {
            long roundId = roundId(repository, execution);
            refusals.refusing(FIELD_PREFIX, () -> {
                rounds.publish(roundId);
                return null;
            });
            execution.setVariable(CLOSES_AT, iso(repository.find(roundId).orElseThrow()));
            execution.setVariable(NEXT_REMINDER_AT, rounds.nextReminderAt(roundId));
        };
    }

    /** Task_SendReminders: the reminders due now; the next one's time. */
    @Bean
    JavaDelegate sendCommentingReminders(CommentingRoundService rounds, CommentingRoundRepository repository) {
        return execution -> {
            long roundId = roundId(repository, execution);
            rounds.sendDueReminders(roundId);
            execution.setVariable(NEXT_REMINDER_AT, rounds.nextReminderAt(roundId));
        };
    }

    /** Task_MoveTimers: after an extension the reminders are counted from the new deadline. */
    @Bean
    JavaDelegate moveCommentingTimers(CommentingRoundService rounds, CommentingRoundRepository repository) {
        return execution -> execution.setVariable(NEXT_REMINDER_AT, rounds.nextReminderAt(roundId(repository, execution)));
    }

    /** Task_CloseRound: no more answers; how many came, for the gateway. */
    @Bean
    JavaDelegate closeCommentingRound(CommentingRoundService rounds, CommentingRoundRepository repository) {
        return execution -> {
            long roundId = roundId(repository, execution);
            rounds.close(roundId);
            execution.setVariable(ANSWER_COUNT, repository.answerCount(roundId));
        };
    }

    /** Task_WriteSynthesis created: the decision maker's last comments when it was returned (task-local, never stale). */
    @Bean
    TaskListener prepareCommentingSynthesis(CommentingRoundRepository repository) {
        return task -> {
            long roundId = roundId(repository, task);
            List<CommentingRoundRepository.Event> events = repository.events(roundId);
            String comments = events.stream().filter(e -> "SYNTHESIS_RETURNED".equals(e.kind())).reduce((a, b) -> b)
                    .map(CommentingRoundRepository.Event::detail).orElse("");
            task.setVariableLocal("returnComments", comments);
            task.setVariableLocal("answerCountText", String.valueOf(repository.answerCount(roundId)));
        };
    }

    /** Task_WriteSynthesis completed: every question commented on has its response. */
    @Bean
    TaskListener checkCommentingSynthesis(CommentingRoundService rounds, CommentingRoundRepository repository, Refusals refusals) {
        return task -> refusals.refusing(() -> rounds.requireSynthesisComplete(roundId(repository, task)));
    }

    /**
     * Task_ApproveSynthesis created: assigned to the decision maker named for the round (as configured
     * and checked, not a variable the synthesis task's form could have set); no earlier answer shown.
     */
    @Bean
    TaskListener prepareCommentingApproval(CommentingRoundRepository repository) {
        return task -> {
            String decisionMaker = round(repository, task).decisionMakerUserId();
            if (decisionMaker != null) {
                task.setAssignee(decisionMaker);
            }
            task.setVariableLocal("synthesisDecision", null);
            task.setVariableLocal("synthesisComments", null);
        };
    }

    /**
     * Task_ApproveSynthesis completed by the round's decision maker only (not another decision maker who
     * takes the task, not an administrator: as a grant round's allocation, GrantAllocationService.decide):
     * approved, or returned with comments (required); kept in the round's history.
     */
    @Bean
    TaskListener recordCommentingApproval(CommentingRoundService rounds, CommentingRoundRepository repository, Refusals refusals) {
        return task -> {
            CommentingRound round = round(repository, task);
            var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            if (authentication != null && !authentication.getUserId().equals(round.decisionMakerUserId())) {
                throw refusals.refuse("commenting.synthesis.notDecisionMaker");
            }
            Object decision = task.getVariable("synthesisDecision");
            Object comments = task.getVariable("synthesisComments");
            String text = comments == null ? "" : comments.toString().strip();
            if (!"approve".equals(decision) && !"return".equals(decision)) {
                throw refusals.refuse("commenting.synthesis.decision.required");
            }
            boolean approved = "approve".equals(decision);
            if (!approved && text.isEmpty()) {
                throw refusals.refuse("commenting.synthesis.comments.required");
            }
            rounds.recordReview(round.id(), approved, text, authentication != null ? authentication.getUserId() : round.decisionMakerUserId());
            task.getExecution().setVariable(APPROVED, approved);
        };
    }

    /** Task_PublishSummary: on the portal and mailed to every organisation that answered. */
    @Bean
    JavaDelegate publishCommentingSummary(CommentingRoundService rounds, CommentingRoundRepository repository) {
        return execution -> rounds.publishSummary(roundId(repository, execution));
    }

    /**
     * The round this process instance runs, by the instance's id stored with the round: never by the
     * variable {@code commentingRoundId}, which a coordinator may set on a task of theirs (Tasklist,
     * /engine-rest) to point at another round.
     */
    static CommentingRound round(CommentingRoundRepository repository, VariableScope scope) {
        String processInstanceId = scope instanceof DelegateTask task ? task.getProcessInstanceId()
                : ((DelegateExecution) scope).getProcessInstanceId();
        return repository.findByProcessInstance(processInstanceId)
                .orElseThrow(() -> new IllegalStateException("no commenting round for process instance " + processInstanceId));
    }

    static long roundId(CommentingRoundRepository repository, VariableScope scope) {
        return round(repository, scope).id();
    }

    private static String iso(CommentingRound round) {
        return Deadlines.iso(round.closesAt().atZoneSameInstant(Locales.HELSINKI));
    }

    private static Map<String, String> option(String label, String value) {
        Map<String, String> option = new LinkedHashMap<>();
        option.put("label", label);
        option.put("value", value);
        return option;
    }

    private static Object options(List<Map<String, String>> options) {
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(options)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
