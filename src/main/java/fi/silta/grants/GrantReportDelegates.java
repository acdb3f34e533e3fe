package fi.silta.grants;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.silta.SiltaProperties;
import fi.silta.cases.Deadlines;
import fi.silta.cases.OutsiderTasks;
import fi.silta.engine.Refusals;
import fi.silta.engine.Variables;
import fi.silta.notifications.MailOutbox;
import fi.silta.organisations.Contact;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.Verification;
import fi.silta.portal.forms.FormVariables;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/** The thin engine edge of {@code grantUseOfFundsReport}: each bean calls {@link GrantReportService}. */
@Configuration(proxyBeanMethods = false)
public class GrantReportDelegates {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Task_SetReportDue: the due instant, the reminders' instants and the form's values (lines of the terms in force). */
    @Bean
    JavaDelegate setGrantReportDue(GrantReportService reports) {
        return execution -> {
            GrantReportService.Due due = reports.open(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
                    execution.getVariable("fundingId"), execution.getVariable("reportKind"));
            execution.setVariable("reportDueAt", Deadlines.iso(due.dueAt()));
            execution.setVariable("reportReminderAt", Deadlines.iso(due.reminderAt()));
            execution.setVariable("reportReminderNeeded", due.remind());
            execution.setVariable("reportDueDayAt", Deadlines.iso(due.dueDayAt()));
            execution.setVariable("reportDueDayMailNeeded", due.dueDayMail());
            execution.setVariable("reportKindShown", due.report().kind().name());
            reports.formValues(due).forEach((key, value) -> execution.setVariable(key,
                    value instanceof List<?> list ? SpinValues.jsonValue(json(list)).create() : value));
        };
    }

    /** Task_SubmitReport, on complete: the organisation's report checked and stored (refused: the task stays open, nothing stored). */
    @Bean
    TaskListener recordGrantReport(GrantReportService reports) {
        return task -> {
            Object lines = FormVariables.fromEngine(mapOf("l", task.getVariable("reportLines"))).get("l");
            List<Object> used = null;
            if (lines instanceof List<?> rows) {
                used = new java.util.ArrayList<>();
                for (Object row : rows) {
                    used.add(row instanceof Map<?, ?> map ? map.get("used") : null);
                }
            }
            String documents = (String) task.getVariableLocal(OutsiderTasks.ANSWER_DOCUMENT_IDS);
            String by = (String) task.getVariableLocal(OutsiderTasks.ANSWERED_BY);
            reports.submit(task.getProcessInstanceId(), by, new GrantReportService.Submission(used, task.getVariable("reportUnused"),
                    task.getVariable("reportPeopleReached"), task.getVariable("reportActivitiesHeld"), task.getVariable("reportOutcomes"),
                    documents));
        };
    }

    /** Task_ReviewReport, on create: what the coordinator's form shows of the latest version. */
    @Bean
    TaskListener prepareGrantReportReview(GrantReportService reports, MessageSource messages, SiltaProperties properties) {
        return task -> {
            GrantReport report = reports.ofProcess(task.getProcessInstanceId()).orElseThrow();
            GrantReport.Version version = reports.latest(report.id());
            task.setVariableLocal("reportSummary", summary(report, version, messages, Locales.FINNISH));
            task.setVariableLocal("reportCaseLink", properties.baseUrl() + "/staff/cases/" + task.getExecution().getProcessBusinessKey()
                    + "#grant-report");
        };
    }

    /** Task_ReviewReport, on complete: accepted, more asked (with the request) or recovery (with the reasons). */
    @Bean
    TaskListener recordGrantReportReview(GrantReportService reports, Refusals refusals) {
        return task -> {
            String decision = Variables.text(task, "reviewDecision");
            String text = Variables.text(task, "reviewRequest");
            GrantReport.Status outcome = switch (decision == null ? "" : decision) {
                case "accept" -> GrantReport.Status.ACCEPTED;
                case "more" -> GrantReport.Status.MORE_ASKED;
                case "recovery" -> GrantReport.Status.RECOVERY;
                default -> throw refusals.refuse("grants.report.review.decision.required");
            };
            if (outcome != GrantReport.Status.ACCEPTED && Variables.blank(text)) {
                throw refusals.refuse(outcome == GrantReport.Status.MORE_ASKED ? "grants.report.review.request.required"
                        : "grants.report.review.reasons.required");
            }
            if (text != null && text.length() > GrantReportService.OUTCOMES_MAX) {
                throw refusals.refuse("grants.report.outcomes.tooLong", GrantReportService.OUTCOMES_MAX);
            }
            reports.review(task.getProcessInstanceId(), outcome, Variables.blank(text) ? null : text.strip(), actor(task));
            task.getExecution().setVariable("reportReview", decision);
        };
    }

    /** Task_HandleOverdueReport, on complete: remind again, keep waiting, or recovery (with the reasons). */
    @Bean
    TaskListener validateOverdueReportAction(Refusals refusals) {
        return task -> {
            String action = Variables.text(task, "overdueAction");
            if (!"remind".equals(action) && !"wait".equals(action) && !"recovery".equals(action)) {
                throw refusals.refuse("grants.report.overdue.action.required");
            }
            if ("recovery".equals(action) && Variables.blank(Variables.text(task, "overdueNote"))) {
                throw refusals.refuse("grants.report.review.reasons.required");
            }
            task.getExecution().setVariable("overdueReportAction", action);
        };
    }

    /** Task_MarkAccepted / Task_MarkRecovery: the out-variable {@code reportOutcome} from the model's own input parameter. */
    @Bean
    JavaDelegate recordGrantReportOutcome(GrantReportService reports) {
        return execution -> {
            String outcome = (String) execution.getVariableLocal("outcome");
            if ("RECOVERY".equals(outcome)) {
                reports.ofProcess(execution.getProcessInstanceId()).ifPresent(r -> {
                    if (r.status() != GrantReport.Status.RECOVERY) {
                        reports.review(execution.getProcessInstanceId(), GrantReport.Status.RECOVERY,
                                Variables.text(execution, "overdueNote"), null);
                    }
                });
            } else if (!"ACCEPTED".equals(outcome)) {
                throw new IllegalStateException("reportOutcome ACCEPTED or RECOVERY, not " + outcome);
            }
            execution.setVariable("reportOutcome", outcome);
        };
    }

    /**
     * A mail about the report to every verified contact of the funding's organisation, each in their language
     * (input parameter {@code mailTemplate}; {@code mailOnlyIf}: the name of a flag the due step set, e.g. no reminder
     * 30 days before a due day that is nearer than that).
     */
    @Bean
    JavaDelegate sendGrantReportMail(GrantReportService reports, GrantFundings fundings, OrganisationRepository organisations,
            MailOutbox outbox, SiltaProperties properties) {
        return execution -> {
            String onlyIf = (String) execution.getVariableLocal("mailOnlyIf");
            if (onlyIf != null && !Variables.flag(execution, onlyIf)) {
                return;
            }
            GrantReport report = reports.ofProcess(execution.getProcessInstanceId()).orElseThrow();
            GrantFunding funding = fundings.find(report.fundingId()).orElseThrow();
            GrantReport.Version latest = reports.latest(report.id());
            String template = (String) execution.getVariableLocal("mailTemplate");
            for (Contact contact : organisations.contacts(funding.organisationId())) {
                if (contact.verification() != Verification.VERIFIED) {
                    continue;
                }
                Map<String, Object> model = new HashMap<>();
                model.put("baseUrl", properties.baseUrl());
                model.put("caseReference", execution.getProcessBusinessKey());
                model.put("contactName", contact.name());
                model.put("reportKind", report.kind().name());
                model.put("reportDueAt", report.dueAt());
                model.put("reportRequest", latest == null || latest.reviewText() == null ? "" : latest.reviewText());
                outbox.enqueue(template, contact.email(), contact.language(), model, execution.getProcessBusinessKey());
            }
        };
    }

    static String summary(GrantReport report, GrantReport.Version version, MessageSource messages, Locale locale) {
        if (version == null) {
            return "";
        }
        Formats formats = new Formats(locale);
        StringBuilder text = new StringBuilder();
        text.append(messages.getMessage("grants.report.kind." + report.kind().name(), null, locale)).append(", ")
                .append(messages.getMessage("grants.report.version", new Object[] {version.version()}, locale)).append('\n');
        for (GrantReport.Line line : version.lines()) {
            text.append("– ").append(line.description()).append(": ")
                    .append(messages.getMessage("grants.report.line.usedOfBudget", new Object[] {formats.money(line.used()),
                            formats.money(line.budgeted())}, locale)).append('\n');
        }
        text.append(messages.getMessage("grants.report.summary.unused", new Object[] {formats.money(version.unused())}, locale)).append('\n');
        text.append(messages.getMessage("grants.report.summary.people", new Object[] {version.peopleReached()}, locale)).append('\n');
        text.append(messages.getMessage("grants.report.summary.activities", new Object[] {version.activitiesHeld()}, locale)).append('\n');
        text.append(messages.getMessage("grants.report.summary.outcomes", null, locale)).append('\n').append(version.outcomes());
        return text.toString();
    }

    static String actor(DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private static Map<String, Object> mapOf(String key, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, value);
        return map;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
