package fi.silta.grants;

import java.util.LinkedHashMap;
import java.util.List;
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
import fi.silta.web.Formats;
import fi.silta.portal.forms.FormVariables;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;
import fi.silta.security.StaffDirectory.StaffMember;
import fi.silta.engine.Refusals;
import fi.silta.web.Locales;

/**
 * Thin delegates and listeners of {@code grantRound}: each reads the engine's variables as plain
 * Java, hands them to {@link GrantRoundService} and turns a refusal into a
 * {@link fi.silta.engine.FormRefused} whose message is in Finnish, Swedish and English (Tasklist shows
 * it; the transaction is rolled back, so nothing is stored).
 */
@Configuration(proxyBeanMethods = false)
public class GrantRoundDelegates {

    /** Process variables (see the README of grants). */
    static final String ROUND_ID = "roundId";
    static final String OPENS_AT = "opensAt";
    static final String CLOSES_AT = "closesAt";
    /** Task-local choices of Task_ConfigureRound (form fields with valuesKey). */
    static final String CONTACT_OPTIONS = "contactOptions";
    static final String REVIEWER_OPTIONS = "reviewerOptions";
    static final String DECISION_MAKER_OPTIONS = "decisionMakerOptions";
    static final String ROUND_PERIOD = "roundPeriod";
    static final String ROUND_INSTANTS = "roundInstants";
    /** The round's money on the configuration form as people write it (the variables keep "50000.00"). */
    static final String BUDGET_TEXT = "budgetText";
    static final String MAX_AMOUNT_TEXT = "maxAmountText";
    private static final String FIELD_PREFIX = "grants.round.field.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Start of the round (StartEvent_RoundDrafted): checks the start form, stores the round, and
     * keeps {@code roundId}, the business key {@code HAKU-<roundId>} and the normalised values
     * (money as {@code "50000.00"}, instants as ISO 8601 with the Helsinki offset for the timers).
     * The coordinator who started it is proposed as the contact person.
     */
    @Bean
    ExecutionListener createGrantRound(GrantRoundService rounds, StaffDirectory staff, Refusals refusals) {
        return execution -> {
            GrantRoundService.Draft draft = refusals.refusing(FIELD_PREFIX, () -> rounds.draft(FormVariables.fromEngine(execution.getVariables())));
            long roundId = rounds.create(execution.getProcessInstanceId(), draft);
            String reference = GrantRoundService.reference(roundId);
            execution.setProcessBusinessKey(reference);
            execution.setVariable(ROUND_ID, roundId);
            execution.setVariable("caseReference", reference);
            execution.setVariable("nameFi", draft.nameFi());
            execution.setVariable("nameSv", draft.nameSv());
            execution.setVariable("budget", draft.budget().toPlainString());
            execution.setVariable("maxAmount", draft.maxAmount().toPlainString());
            execution.setVariable(OPENS_AT, iso(draft.opensAt()));
            execution.setVariable(CLOSES_AT, iso(draft.closesAt()));
            Object initiator = execution.getVariable("initiator");
            if (execution.getVariable("contactPerson") == null && initiator != null
                    && staff.isMember(initiator.toString(), Roles.COORDINATOR.groupId())) {
                execution.setVariable("contactPerson", initiator.toString());
            }
        };
    }

    /**
     * Task_ConfigureRound created: its choices, as task-local JSON lists of {@code {label, value}}
     * for the form's select and checklist fields (valuesKey), from the identity service; and the
     * opening and closing instants stored from the start form, shown back with their weekdays
     * (a start form cannot show them, and Tasklist's date field moves a time that does not exist);
     * the budget and the maximum as money in Finnish.
     */
    @Bean
    TaskListener fillRoundConfigurationChoices(StaffDirectory staff, MessageSource messages) {
        return task -> {
            task.setVariableLocal(CONTACT_OPTIONS, options(staff.members(Roles.COORDINATOR.groupId())));
            task.setVariableLocal(REVIEWER_OPTIONS, options(staff.members(Roles.REVIEWER.groupId())));
            task.setVariableLocal(DECISION_MAKER_OPTIONS, options(staff.members(Roles.DECISION_MAKER.groupId())));
            Formats finnish = new Formats(Locales.FINNISH.getLanguage());
            task.setVariableLocal(ROUND_PERIOD, finnish.dateTime(string(task, OPENS_AT)) + " – " + finnish.dateTime(string(task, CLOSES_AT)));
            task.setVariableLocal(BUDGET_TEXT, finnish.money(string(task, "budget")));
            task.setVariableLocal(MAX_AMOUNT_TEXT, finnish.money(string(task, "maxAmount")));
            task.setVariableLocal(ROUND_INSTANTS, messages.getMessage("grants.round.instants", new Object[] {
                    finnish.weekdayDateTime(string(task, OPENS_AT)), finnish.weekdayDateTime(string(task, CLOSES_AT))},
                    Locales.FINNISH));
        };
    }

    /**
     * Task_ConfigureRound completed: checks the configuration and stores it with the criteria and the
     * reviewer pool. The timers' instants and {@code roundId} are set again from the round: the
     * task's form could have sent any of them.
     */
    @Bean
    TaskListener saveRoundConfiguration(GrantRoundService rounds, GrantRoundRepository repository, Refusals refusals) {
        return task -> {
            long roundId = roundId(task);
            GrantRoundService.Configuration configuration =
                    refusals.refusing(FIELD_PREFIX, () -> rounds.configuration(FormVariables.fromEngine(task.getVariables())));
            GrantRoundService.PaymentTerms payment =
                    refusals.refusing("grants.payment.field.", () -> rounds.paymentTerms(FormVariables.fromEngine(task.getVariables())));
            refusals.refusing(FIELD_PREFIX, () -> {
                rounds.configure(roundId, configuration);
                rounds.setPaymentTerms(roundId, payment);
                return null;
            });
            GrantRound round = repository.find(roundId).orElseThrow();
            task.getExecution().setVariable(ROUND_ID, roundId);
            task.getExecution().setVariable(OPENS_AT, iso(round.opensAt()));
            task.getExecution().setVariable(CLOSES_AT, iso(round.closesAt()));
        };
    }

    /** Task_PublishRound: the call is on the portal, its criteria frozen. */
    @Bean
    JavaDelegate publishGrantRound(GrantRoundService rounds, Refusals refusals) {
        return execution -> refusals.refusing(FIELD_PREFIX, () -> {
            rounds.publish(roundId(execution));
            return null;
        });
    }

    /** Task_CloseRound: the deadline has passed. */
    @Bean
    JavaDelegate closeGrantRound(GrantRoundService rounds, Refusals refusals) {
        return execution -> refusals.refusing(FIELD_PREFIX, () -> {
            rounds.close(roundId(execution));
            return null;
        });
    }

    /**
     * The round this process instance runs, from its business key {@code HAKU-<roundId>} (set by
     * {@link #createGrantRound} whatever the start form sent): never from the variable
     * {@code roundId}, which a coordinator completing a task of theirs (Tasklist, /engine-rest) may
     * set to another round's id.
     */
    static long roundId(VariableScope scope) {
        String businessKey = scope instanceof DelegateTask task ? task.getExecution().getProcessBusinessKey()
                : ((DelegateExecution) scope).getProcessBusinessKey();
        if (businessKey == null || !businessKey.startsWith(GrantRoundService.REFERENCE_PREFIX)) {
            throw new IllegalStateException("not a grant round's process: business key " + businessKey);
        }
        return Long.parseLong(businessKey.substring(GrantRoundService.REFERENCE_PREFIX.length()));
    }

    static String iso(java.time.OffsetDateTime instant) {
        return Deadlines.iso(instant.atZoneSameInstant(Locales.HELSINKI));
    }

    private static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    private static Object options(List<StaffMember> members) {
        List<Map<String, String>> options = members.stream().map(m -> {
            Map<String, String> option = new LinkedHashMap<>();
            option.put("label", m.name());
            option.put("value", m.id());
            return option;
        }).toList();
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(options)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
