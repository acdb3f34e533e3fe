package fi.silta.negotiations;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import fi.silta.SiltaProperties;
import fi.silta.cases.OutsiderTasks;
import fi.silta.engine.Refusals;
import fi.silta.negotiations.HyteMemoNegotiations.Negotiation;
import fi.silta.negotiations.HyteMemos.Measure;
import fi.silta.negotiations.HyteMemos.MeasureStatus;
import fi.silta.negotiations.HyteMemos.OwnerKind;
import fi.silta.notifications.MailOutbox;
import fi.silta.portal.PortalSecurityConfig;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;
import fi.silta.web.Formats;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/**
 * The follow-up of one measure (process hyteMeasureFollowUp, business key {@code <case reference>/M<n>}) and the
 * mid-year review of a negotiation's measures (hyteMeasureReview, {@code <case reference>/V}). The measure is found
 * from the business key; its status lives in hyte_measure.
 */
@Component("hyteMeasureDelegates")
public class HyteMeasureDelegates {

    /** The reminder goes this many days before the due date, at 9.00 Helsinki time. */
    static final int REMIND_DAYS_BEFORE = 14;
    /** Not done and due within this many days: at risk in the mid-year review. */
    static final int RISK_DAYS = 30;
    public static final String STATUS = "measureStatus";
    public static final String NOTE = "measureNote";

    private final HyteMemos memos;
    private final HyteMemoNegotiations negotiations;
    private final HyteMemoDocuments documents;
    private final MailOutbox outbox;
    private final StaffDirectory staff;
    private final Refusals refusals;
    private final MessageSource messages;
    private final String baseUrl;
    private final Clock clock;

    public HyteMeasureDelegates(HyteMemos memos, HyteMemoNegotiations negotiations, HyteMemoDocuments documents, MailOutbox outbox,
            StaffDirectory staff, Refusals refusals, MessageSource messages, SiltaProperties properties, Clock clock) {
        this.memos = memos;
        this.negotiations = negotiations;
        this.documents = documents;
        this.outbox = outbox;
        this.staff = staff;
        this.refusals = refusals;
        this.messages = messages;
        this.baseUrl = properties.baseUrl();
        this.clock = clock;
    }

    record Found(Negotiation negotiation, Measure measure) {
    }

    /**
     * The timers' dates and who updates: {@code measureDueAt} (the due date's end, Helsinki), {@code measureRemindAt}
     * ({@value #REMIND_DAYS_BEFORE} days before, 9.00), {@code measureCandidateGroup} (hyteCoordinators for the
     * county's measures, external for the others: they update on the portal), {@code measureText} for Tasklist.
     */
    public void prepare(DelegateExecution execution) {
        Found found = find(execution);
        LocalDate due = found.measure().dueDate();
        execution.setVariable("measureDueAt", due.plusDays(1).atStartOfDay(Locales.HELSINKI).toOffsetDateTime().toString());
        execution.setVariable("measureRemindAt",
                due.minusDays(REMIND_DAYS_BEFORE).atTime(9, 0).atZone(Locales.HELSINKI).toOffsetDateTime().toString());
        execution.setVariable("measureCandidateGroup",
                found.measure().ownerKind() == OwnerKind.COUNTY ? Roles.HYTE_COORDINATOR.groupId() : Roles.EXTERNAL);
        execution.setVariable("measureText", found.measure().text());
        execution.setVariable("caseReference", found.negotiation().reference());
    }

    /** The reminder to the measure's owner, once per measure. */
    public void remind(DelegateExecution execution) {
        Found found = find(execution);
        Measure measure = found.measure();
        if (measure.status() == MeasureStatus.DONE || !memos.markReminded(measure.id())) {
            return;
        }
        for (String[] recipient : recipients(measure)) {
            Locale locale = Locale.forLanguageTag(recipient[1] == null ? "fi" : recipient[1]);
            Map<String, Object> model = new HashMap<>();
            model.put("measureText", measure.text());
            model.put("dueDate", new Formats(locale).date(measure.dueDate()));
            model.put("caseReference", found.negotiation().reference());
            model.put("baseUrl", baseUrl);
            model.put("path", measure.ownerKind() == OwnerKind.COUNTY ? "/camunda/app/tasklist/" : "/portal/my/hyte/measures");
            outbox.enqueue("hyte-measure-reminder", recipient[0], locale.getLanguage(), model, execution.getProcessBusinessKey());
        }
    }

    /** The due date passed: LATE unless the owner reported it done. */
    public void markLate(DelegateExecution execution) {
        memos.markLateIfOpen(find(execution).measure().id());
    }

    public boolean isDone(DelegateExecution execution) {
        return find(execution).measure().status() == MeasureStatus.DONE;
    }

    /**
     * Complete listener of Task_UpdateMeasure: the owner's status (done / in progress with a note / late with a
     * reason). The county's measures in Tasklist by a hyte coordinator; the others only from the portal by a
     * signed-in verified contact of the owner organisation (the portal's follow-up page).
     */
    public void recordUpdate(DelegateTask task) {
        Found found = find(task.getExecution());
        Measure measure = found.measure();
        MeasureStatus status = status(task.getVariable(STATUS));
        String note = task.getVariable(NOTE) instanceof String s ? s : null;
        if (measure.ownerKind() == OwnerKind.COUNTY) {
            String by = HyteMemoDelegates.staffUser(task.getExecution());
            if (by == null || !staff.isMember(by, Roles.HYTE_COORDINATOR.groupId())) {
                throw refusals.refuse("hyte.measure.notCoordinator");
            }
            refusals.refusing(() -> memos.updateMeasure(measure.id(), status, note, by));
            return;
        }
        Object answeredBy = task.getVariableLocal(OutsiderTasks.ANSWERED_BY);
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        boolean portal = signedIn != null && signedIn.isAuthenticated()
                && signedIn.getAuthorities().stream().anyMatch(a -> PortalSecurityConfig.ROLE.equals(a.getAuthority()))
                && answeredBy instanceof String email && email.equalsIgnoreCase(signedIn.getName());
        if (!portal || !negotiations.verifiedContactOf(measure.ownerOrganisationId(), signedIn.getName())) {
            throw InvalidInput.of("submission", "hyte.measure.notOwner");
        }
        memos.updateMeasure(measure.id(), status, note, signedIn.getName());
    }

    /** Create listener of the mid-year review task: the measures late or at risk as text (task-local). */
    public void listLateMeasures(DelegateTask task) {
        Negotiation negotiation = negotiations.byReference(reference(task.getExecution().getProcessBusinessKey()))
                .orElseThrow(() -> new IllegalStateException("no negotiation for " + task.getExecution().getProcessBusinessKey()));
        Locale fi = Locale.forLanguageTag("fi");
        List<Measure> late = memos.lateOrAtRisk(negotiation.id(), LocalDate.now(clock.withZone(Locales.HELSINKI)), RISK_DAYS);
        String text = late.isEmpty() ? messages.getMessage("hyte.measure.review.none", null, fi)
                : late.stream().map(m -> messages.getMessage("hyte.measure.review.line", new Object[] {m.position(), m.text(),
                        documents.owner(m, fi), new Formats(fi).date(m.dueDate()),
                        messages.getMessage("hyte.measure.status." + m.status().name(), null, fi),
                        m.note() == null ? "" : m.note()}, fi)).collect(Collectors.joining("\n"));
        task.setVariableLocal("lateMeasuresText", text);
        task.setVariableLocal("lateMeasureCount", late.size());
    }

    private List<String[]> recipients(Measure measure) {
        if (measure.ownerKind() == OwnerKind.COUNTY) {
            return staff.members(Roles.HYTE_COORDINATOR.groupId()).stream().filter(m -> m.email() != null && !m.email().isBlank())
                    .map(m -> new String[] {m.email(), "fi"}).toList();
        }
        return negotiations.verifiedContacts(measure.ownerOrganisationId());
    }

    private static MeasureStatus status(Object value) {
        if (value instanceof String s) {
            try {
                return MeasureStatus.valueOf(s);
            } catch (IllegalArgumentException unknown) {
                // refused below
            }
        }
        throw InvalidInput.of(STATUS, "hyte.measure.statusMissing");
    }

    Found find(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        int at = key == null ? -1 : key.lastIndexOf("/M");
        if (at < 0) {
            throw new IllegalStateException("not a measure's business key: " + key);
        }
        Negotiation negotiation = negotiations.byReference(key.substring(0, at))
                .orElseThrow(() -> new IllegalStateException("no negotiation for " + key));
        int position = Integer.parseInt(key.substring(at + 2));
        return new Found(negotiation, memos.measure(negotiation.id(), position)
                .orElseThrow(() -> new IllegalStateException("no measure for " + key)));
    }

    private static String reference(String businessKey) {
        int at = businessKey == null ? -1 : businessKey.lastIndexOf('/');
        return at < 0 ? businessKey : businessKey.substring(0, at);
    }

}
