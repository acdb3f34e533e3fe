package fi.silta.negotiations;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import fi.silta.cases.OutsiderTasks;
import fi.silta.engine.Refusals;
import fi.silta.negotiations.HyteMemoNegotiations.Negotiation;
import fi.silta.negotiations.HyteMemos.Decision;
import fi.silta.negotiations.HyteMemos.Measure;
import fi.silta.negotiations.HyteMemos.Side;
import fi.silta.portal.PortalSecurityConfig;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/**
 * What the negotiation's model (hyteNegotiation) calls for its memo. Every step finds the negotiation from the
 * process's business key (the case reference) and reads decisions from Silta's tables, never from variables a
 * Tasklist form could plant.
 * <ul>
 * <li>{@code ${hyteMemoDelegates.requireReady(execution)}}: on completing Task_RecordMemo (complete task listener or
 * end execution listener): the memo goes to approval; refused (fi/sv/en) without measures, or a measure without
 * owner or due date;</li>
 * <li>{@code ${hyteMemoDelegates.countyAnswered(task)}}: complete listener of Task_ApproveMemoCounty (form
 * hyte-memo-approve-county: {@code memoCountyDecision} approve|changes, {@code memoCountyComments}); a decision maker only;</li>
 * <li>{@code ${hyteMemoDelegates.municipalityAnswered(task)}}: complete listener of Task_ApproveMemoMunicipality
 * (portal form hyte-memo-approval: {@code memoDecision}, {@code memoComments}): only a verified contact of a municipality of this negotiation,
 * signed in to the portal;</li>
 * <li>{@code ${hyteMemoDelegates.notifyMunicipalities(execution)}}: a service task after Task_RecordMemo: mails the
 * municipalities' verified contacts that the memo awaits their approval (template hyte-memo-approval-requested);</li>
 * <li>{@code ${hyteMemoDelegates.changesRequested(execution)}}: the gateway after both answers;</li>
 * <li>{@code ${hyteMemoDelegates.publish(execution)}}: the PDF(s) and the publication;</li>
 * <li>{@code ${hyteMemoDelegates.startFollowUp(execution)}}: one hyteMeasureFollowUp per measure
 * ({@code <reference>/M<n>}) and the mid-year review hyteMeasureReview ({@code <reference>/V}).</li>
 * </ul>
 */
@Component("hyteMemoDelegates")
public class HyteMemoDelegates {

    public static final String DECISION = "memoDecision";
    public static final String COMMENTS = "memoComments";
    public static final String COUNTY_DECISION = "memoCountyDecision";
    public static final String COUNTY_COMMENTS = "memoCountyComments";
    public static final String FOLLOW_UP_PROCESS = "hyteMeasureFollowUp";
    public static final String REVIEW_PROCESS = "hyteMeasureReview";
    /** The mid-year review: this many months after the memo's publication, at 9.00 Helsinki time. */
    static final int REVIEW_AFTER_MONTHS = 6;

    private final HyteMemos memos;
    private final HyteMemoNegotiations negotiations;
    private final HyteMemoDocuments documents;
    private final StaffDirectory staff;
    private final Refusals refusals;
    private final RuntimeService runtime;
    private final Clock clock;
    private final fi.silta.notifications.MailOutbox outbox;
    private final String baseUrl;

    public HyteMemoDelegates(HyteMemos memos, HyteMemoNegotiations negotiations, HyteMemoDocuments documents, StaffDirectory staff,
            Refusals refusals, @Lazy RuntimeService runtime, Clock clock, fi.silta.notifications.MailOutbox outbox,
            fi.silta.SiltaProperties properties) {
        this.outbox = outbox;
        this.baseUrl = properties.baseUrl();
        this.memos = memos;
        this.negotiations = negotiations;
        this.documents = documents;
        this.staff = staff;
        this.refusals = refusals;
        this.runtime = runtime;
        this.clock = clock;
    }

    public void requireReady(DelegateExecution execution) {
        Negotiation negotiation = negotiation(execution);
        String by = staffUser(execution);
        refusals.refusing(() -> memos.submitForApproval(negotiation.id(), by == null ? "silta" : by));
    }

    public void countyAnswered(DelegateTask task) {
        Negotiation negotiation = negotiation(task.getExecution());
        String by = staffUser(task.getExecution());
        if (by == null || !staff.isMember(by, Roles.DECISION_MAKER.groupId())) {
            throw refusals.refuse("hyte.memo.approval.notDecisionMaker");
        }
        refusals.refusing(() -> memos.review(negotiation.id(), Side.COUNTY, decision(task, COUNTY_DECISION), text(task, COUNTY_COMMENTS),
                null, by));
    }

    /**
     * The municipality's answer, from the portal: refused (as the portal shows it) unless the person who answered is
     * signed in to the portal as a verified contact of a municipality of this negotiation. A status link (token) is
     * not enough, nor another municipality's contact.
     */
    public void municipalityAnswered(DelegateTask task) {
        Negotiation negotiation = negotiation(task.getExecution());
        Object answeredBy = task.getVariableLocal(OutsiderTasks.ANSWERED_BY);
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        boolean portalContact = signedIn != null && signedIn.isAuthenticated()
                && signedIn.getAuthorities().stream().anyMatch(a -> PortalSecurityConfig.ROLE.equals(a.getAuthority()))
                && answeredBy instanceof String email && email.equalsIgnoreCase(signedIn.getName());
        if (!portalContact) {
            throw InvalidInput.of("submission", "hyte.memo.approval.signInRequired");
        }
        String email = signedIn.getName();
        Long municipality = negotiations.verifiedMunicipalityOf(negotiation.id(), email)
                .orElseThrow(() -> InvalidInput.of("submission", "hyte.memo.approval.notMunicipalityContact"));
        memos.review(negotiation.id(), Side.MUNICIPALITY, decision(task, DECISION), text(task, COMMENTS), municipality, email);
    }

    /**
     * Mails every verified contact of every municipality of the negotiation that the memo awaits their approval on the
     * case's status page (signing in is needed to approve: the mail carries no status link).
     */
    public void notifyMunicipalities(DelegateExecution execution) {
        Negotiation negotiation = negotiation(execution);
        for (HyteMemoNegotiations.Municipality municipality : negotiations.municipalities(negotiation.id())) {
            for (String[] contact : negotiations.verifiedContacts(municipality.organisationId())) {
                Map<String, Object> model = new HashMap<>();
                model.put("caseReference", negotiation.reference());
                model.put("municipality", municipality.name());
                model.put("baseUrl", baseUrl);
                outbox.enqueue("hyte-memo-approval-requested", contact[0], contact[1] == null ? "fi" : contact[1], model,
                        negotiation.reference());
            }
        }
    }

    public boolean changesRequested(DelegateExecution execution) {
        return memos.changesRequested(negotiation(execution).id());
    }

    public void publish(DelegateExecution execution) {
        documents.publish(negotiation(execution));
    }

    /** Starts the follow-up of every measure and the mid-year review, once (a retried job starts no second one). */
    public void startFollowUp(DelegateExecution execution) {
        Negotiation negotiation = negotiation(execution);
        for (Measure measure : memos.measures(negotiation.id())) {
            start(FOLLOW_UP_PROCESS, negotiation.reference() + "/M" + measure.position(), Map.of());
        }
        ZonedDateTime reviewAt = LocalDate.now(clock.withZone(Locales.HELSINKI)).plusMonths(REVIEW_AFTER_MONTHS).atTime(9, 0)
                .atZone(Locales.HELSINKI);
        start(REVIEW_PROCESS, negotiation.reference() + "/V", Map.of("reviewAt", reviewAt.toOffsetDateTime().toString(),
                "caseReference", negotiation.reference()));
    }

    private void start(String processKey, String businessKey, Map<String, Object> variables) {
        boolean started = runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(businessKey)
                .count() > 0;
        if (!started) {
            Map<String, Object> all = new HashMap<>(variables);
            runtime.startProcessInstanceByKey(processKey, businessKey, all);
        }
    }

    Negotiation negotiation(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        return negotiations.byReference(reference)
                .orElseThrow(() -> new IllegalStateException("no hyte negotiation for business key " + reference));
    }

    private static Decision decision(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if ("approve".equals(value)) {
            return Decision.APPROVE;
        }
        if ("changes".equals(value)) {
            return Decision.CHANGES;
        }
        throw InvalidInput.of(name, "hyte.memo.approval.decisionMissing");
    }

    private static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value instanceof String s ? s : null;
    }

    static String staffUser(DelegateExecution execution) {
        var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
