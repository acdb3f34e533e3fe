package fi.silta.negotiations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.SiltaProperties;
import fi.silta.cases.OutsiderTasks;
import fi.silta.engine.Refusals;
import fi.silta.engine.Variables;
import fi.silta.notifications.MailOutbox;

/**
 * What the hyteNegotiation model calls (expressions {@code ${hyteNegotiationDelegates.method(execution|task)}}). Each
 * finds its negotiation from the process's business key (the case reference) through the hyte_negotiation row;
 * deadlines and meeting times come from Silta's tables, never from a variable a Tasklist form could plant.
 */
@Component("hyteNegotiationDelegates")
public class HyteNegotiationDelegates {

    /** Message correlated to the cycle's process (business key of the hyte_cycle row) when the memo is approved. */
    public static final String DONE = "HyteNegotiationDone";
    private static final Logger LOG = LoggerFactory.getLogger(HyteNegotiationDelegates.class);

    private final HyteNegotiationRecords negotiations;
    private final HyteBackgrounds backgrounds;
    private final HyteMeetings meetings;
    private final MailOutbox outbox;
    private final Refusals refusals;
    private final JdbcClient jdbc;
    private final Clock clock;
    /** The cycle's one way of hearing that a negotiation is done (lazily: the cycle's service is built after these delegates). */
    private final org.springframework.beans.factory.ObjectProvider<HyteCycles> cycles;
    private final IdentityService identity;
    private final String baseUrl;

    public HyteNegotiationDelegates(HyteNegotiationRecords negotiations, HyteBackgrounds backgrounds, HyteMeetings meetings,
            MailOutbox outbox, Refusals refusals, JdbcClient jdbc, Clock clock,
            @Lazy IdentityService identity, SiltaProperties properties, org.springframework.beans.factory.ObjectProvider<HyteCycles> cycles) {
        this.cycles = cycles;
        this.negotiations = negotiations;
        this.backgrounds = backgrounds;
        this.meetings = meetings;
        this.outbox = outbox;
        this.refusals = refusals;
        this.jdbc = jdbc;
        this.clock = clock;
        this.identity = identity;
        this.baseUrl = properties.baseUrl();
    }

    private HyteNegotiationRecords.Negotiation negotiation(DelegateExecution execution) {
        return negotiations.require(execution.getProcessBusinessKey());
    }

    /** Task_RequestBackground: the deadline in force (hyte_background, first from hyte_cycle) and the reminder as timer variables. */
    public void requestBackground(DelegateExecution execution) {
        HyteNegotiationRecords.Negotiation negotiation = negotiation(execution);
        HyteBackgrounds.Request request = backgrounds.request(negotiation);
        execution.setVariable("backgroundDueAt", request.dueAt());
        execution.setVariable("backgroundReminderAt", request.reminderAt());
        negotiations.setStatus(negotiation.id(), "BACKGROUND");
    }

    /** A send task's mail ({@code mailTemplate}) to every verified contact of the negotiation's municipalities. */
    public void mailMunicipality(DelegateExecution execution) {
        HyteNegotiationRecords.Negotiation negotiation = negotiation(execution);
        String template = (String) execution.getVariable("mailTemplate");
        var contacts = negotiations.verifiedContacts(negotiation.id());
        if (contacts.isEmpty()) {
            LOG.warn("{}: no verified municipality contact for mail {}", negotiation.caseReference(), template);
        }
        mail(negotiation, template, contacts);
    }

    /** Mails these contacts of the negotiation's municipalities the template (the background's request or reminder). */
    void mail(HyteNegotiationRecords.Negotiation negotiation, String template, List<HyteNegotiationRecords.MunicipalityContact> contacts) {
        OffsetDateTime due = backgrounds.find(negotiation.id()).map(HyteBackgrounds.Background::dueAt).orElse(null);
        String municipalities = String.join(", ", negotiations.municipalityNames(negotiation.id()));
        for (var contact : contacts) {
            Map<String, Object> model = new HashMap<>();
            model.put("caseReference", negotiation.caseReference());
            model.put("baseUrl", baseUrl);
            model.put("contactName", contact.name());
            model.put("municipalities", municipalities);
            model.put("title", negotiation.title());
            model.put("backgroundDueAt", due);
            outbox.enqueue(template, contact.email(), contact.language(), model, negotiation.caseReference());
        }
    }

    /** Complete listener of Task_GiveBackground: what the municipality gave (validated by the portal) into hyte_background. */
    public void backgroundGiven(DelegateTask task) {
        HyteNegotiationRecords.Negotiation negotiation = negotiation(task.getExecution());
        backgrounds.record(negotiation.id(), Variables.text(task, "backgroundKeyPoints"), Variables.text(task, "backgroundIndicators"),
                Variables.text(task, "backgroundGoalProposals"), (String) task.getVariableLocal(OutsiderTasks.ANSWER_DOCUMENT_IDS),
                (String) task.getVariableLocal(OutsiderTasks.ANSWERED_BY));
    }

    /** Complete listener of Task_DecideLapsedBackground: the choice checked and stored; sets {@code backgroundLapseChoice}. */
    public void backgroundLapseDecided(DelegateTask task) {
        HyteNegotiationRecords.Negotiation negotiation = negotiation(task.getExecution());
        String decision = Variables.text(task, "backgroundLapseDecision");
        refusals.refusing("hyte.background.field.", () -> backgrounds.decideLapsed(negotiation.id(), decision,
                Variables.text(task, "backgroundNewDeadline"), who(task)));
        // the gateway reads what was checked here, set after the form's own values
        task.getExecution().setVariable("backgroundLapseChoice", decision);
    }

    /**
     * Create listener of the staff's tasks: the task carries the case and its municipalities in its name ("Laadi
     * neuvottelun asialista: HN-2027-0004, Oulu, Kempele, Liminka"), so that a cycle's many negotiations are told
     * apart in Tasklist's list (read from the tables; the model keeps its short name), and the reference task-local
     * for the filter's column.
     */
    public void nameWithNegotiation(DelegateTask task) {
        HyteNegotiationRecords.Negotiation negotiation = negotiations.require(task.getExecution().getProcessBusinessKey());
        task.setName(task.getName() + ": " + negotiation.caseReference() + ", "
                + String.join(", ", negotiations.municipalityNames(negotiation.id())));
        task.setVariableLocal("caseReference", negotiation.caseReference());
    }

    /** Complete listener of Task_DraftAgenda: the agenda into hyte_agenda. */
    public void agendaDrafted(DelegateTask task) {
        HyteNegotiationRecords.Negotiation negotiation = negotiation(task.getExecution());
        String agenda = Variables.text(task, "agenda");
        if (Variables.blank(agenda)) {
            throw refusals.refuse("hyte.negotiation.agenda.required");
        }
        if (agenda.length() > 8000) {
            throw refusals.refuse("hyte.negotiation.agenda.tooLong");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("update hyte_agenda set agenda = ?, updated_by = ?, updated_at = ? where negotiation_id = ?")
                .params(agenda.strip(), who(task), now, negotiation.id()).update();
        if (updated == 0) {
            jdbc.sql("insert into hyte_agenda (negotiation_id, agenda, updated_by, updated_at) values (?, ?, ?, ?)")
                    .params(negotiation.id(), agenda.strip(), who(task), now).update();
        }
        negotiations.setStatus(negotiation.id(), "SCHEDULING");
    }

    /** Complete listener of Task_ScheduleMeeting: the meeting validated and stored (refused in fi/sv/en, nothing stored). */
    public void scheduleMeeting(DelegateTask task) {
        HyteNegotiationRecords.Negotiation negotiation = negotiation(task.getExecution());
        String by = who(task);
        User user = by == null ? null : identity.createUserQuery().userId(by).singleResult();
        String organizerName = user == null ? by : (user.getFirstName() + " " + user.getLastName()).strip();
        String organizerEmail = user == null ? null : user.getEmail();
        var input = new HyteMeetings.MeetingInput(Variables.text(task, "meetingStart"), Variables.text(task, "meetingEnd"),
                Variables.text(task, "meetingPlace"), Variables.text(task, "meetingLink"), Variables.text(task, "countyParticipants"),
                Variables.text(task, "municipalityParticipants"), Variables.text(task, "organisationParticipants"));
        refusals.refusing("hyte.meeting.field.", () -> meetings.schedule(negotiation.id(), input, organizerName, organizerEmail,
                by == null ? "?" : by));
        negotiations.setStatus(negotiation.id(), "MEETING");
    }

    /**
     * A send task's invitations ({@code mailTemplate}) to every participant of the negotiation's latest meeting with its
     * {@code .ics}; sets {@code meetingStartsAt} (the timer that leads to the memo) from the stored meeting.
     */
    public void mailMeeting(DelegateExecution execution) {
        HyteNegotiationRecords.Negotiation negotiation = negotiation(execution);
        HyteMeetings.Meeting meeting = meetings.latest(negotiation.id()).orElseThrow();
        meetings.mailParticipants(meeting, (String) execution.getVariable("mailTemplate"), negotiation.caseReference(),
                negotiation.caseLanguage());
        if (meeting.status() == HyteMeetings.Status.SCHEDULED) {
            execution.setVariable("meetingStartsAt", fi.silta.cases.Deadlines.iso(meeting.startsAt().atZoneSameInstant(
                    fi.silta.web.Locales.HELSINKI)));
        } else {
            execution.removeVariable("meetingStartsAt");
        }
    }

    /** Task_RecordMemo reached: the meeting is held. */
    public void meetingHeld(DelegateExecution execution) {
        negotiations.setStatus(negotiation(execution).id(), "MEMO");
    }

    /**
     * Task_ReportDone: the negotiation is DONE (hyte_negotiation.status) and message {@value #DONE} goes to the cycle's
     * process (business key of its hyte_cycle row) with {@code negotiationId} and {@code caseReference}. A cycle that
     * waits for no such message (no instance, or already closed early) is no failure: the negotiation's own status
     * stays DONE in the table, which is what the cycle counts, and the miss is logged.
     */
    public void reportDone(DelegateExecution execution) {
        HyteNegotiationRecords.Negotiation negotiation = negotiation(execution);
        boolean reported = cycles.getObject().negotiationDone(negotiation.caseReference());
        if (!reported) {
            LOG.info("{}: no cycle instance {} waits for {}; the negotiation is marked DONE", negotiation.caseReference(),
                    negotiation.cycleBusinessKey(), DONE);
        }
        execution.setVariable("reportedToCycle", reported);
    }

    private String who(DelegateTask task) {
        var auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (auth != null && auth.getUserId() != null) {
            return auth.getUserId();
        }
        // a completion without a signed-in user (the engine's API in a script): the task's assignee, or "-"
        return task.getAssignee() != null ? task.getAssignee() : "-";
    }
}
