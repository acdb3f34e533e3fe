package fi.silta.grants;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fi.silta.SiltaProperties;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseParties;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.documents.DocumentRenderer;
import fi.silta.organisations.ReferenceData;
import fi.silta.security.StaffDirectory;
import fi.silta.web.Locales;

/**
 * The documents of a round's decisions: the decision an applicant gets (in their language, fi or
 * sv: {@code templates/documents/grant-decision.html}) with its outcome, reasons, conditions and the
 * instructions for a request for rectification; the decision on a request for rectification
 * ({@code grant-rectification-decision.html}) with the body's answer and the instructions for
 * appealing to the administrative court; and the round's decision list
 * ({@code grant-decision-list.html}) that the decision maker approved. Rendering only: storing the
 * PDF as the case's document and sending it are the decision step's work. No status token is ever
 * put into a document: the portal is named by its "My cases" address.
 */
@Component
public class GrantDecisionDocument {

    static final String DECISION_TEMPLATE = "grant-decision";
    static final String LIST_TEMPLATE = "grant-decision-list";
    static final String RECTIFICATION_TEMPLATE = "grant-rectification-decision";
    /** How much of a request's reasons the decision on it quotes (characters); the rest is in the case's documents. */
    static final int REQUEST_QUOTE_MAX = 600;

    /** One criterion of a decision's reasons: the mean of the reviewers' scores and, when published, their justifications. */
    public record CriterionLine(String name, BigDecimal weight, BigDecimal mean, List<String> justifications) {
    }

    /** One row of the decision list. */
    public record ListRow(String applicant, String reference, BigDecimal asked, BigDecimal granted, BigDecimal score,
            GrantDecision.Outcome outcome) {
    }

    private final DocumentRenderer renderer;
    private final MessageSource messages;
    private final CaseRepository cases;
    private final CaseParties parties;
    private final GrantRoundRepository rounds;
    private final GrantReviewRepository reviews;
    private final GrantDecisionRepository decisions;
    private final GrantRectificationService rectifications;
    private final GrantEligibilityView eligibility;
    private final StaffDirectory staff;
    private final ReferenceData referenceData;
    private final GrantDecisionProperties properties;
    private final SiltaProperties silta;

    public GrantDecisionDocument(DocumentRenderer renderer, MessageSource messages, CaseRepository cases, CaseParties parties,
            GrantRoundRepository rounds, GrantReviewRepository reviews, GrantDecisionRepository decisions,
            GrantRectificationService rectifications, GrantEligibilityView eligibility, StaffDirectory staff, ReferenceData referenceData, GrantDecisionProperties properties,
            SiltaProperties silta) {
        this.renderer = renderer;
        this.messages = messages;
        this.cases = cases;
        this.parties = parties;
        this.rounds = rounds;
        this.reviews = reviews;
        this.decisions = decisions;
        this.rectifications = rectifications;
        this.eligibility = eligibility;
        this.staff = staff;
        this.referenceData = referenceData;
        this.properties = properties;
        this.silta = silta;
    }

    /** The language a decision is written in: Swedish for "sv", Finnish for anything else. */
    public static Locale locale(GrantDecision decision) {
        return "sv".equals(decision.language()) ? Locales.SWEDISH : Locales.FINNISH;
    }

    /**
     * The decision as the applicant gets it, in their language: the round's decision with its
     * instructions for a request for rectification, or the decision on such a request
     * ({@link #rectificationPdf}) with its instructions for appeal.
     */
    public byte[] pdf(GrantDecision decision) {
        if (decision.stage() == GrantDecision.Stage.RECTIFICATION) {
            return rectificationPdf(decision);
        }
        Locale locale = locale(decision);
        CaseFile caseFile = cases.find(decision.caseId()).orElseThrow(
                () -> new IllegalStateException("decision " + decision.id() + " has no case " + decision.caseId()));
        GrantRound round = rounds.find(decision.roundId()).orElseThrow(
                () -> new IllegalStateException("decision " + decision.id() + " has no round " + decision.roundId()));

        Map<String, Object> model = new HashMap<>();
        model.put("county", referenceData.servedCounty().name(locale));
        model.put("reference", caseFile.reference());
        model.put("decision", decision);
        model.put("roundName", round.name(locale));
        model.put("applicant", parties.of(caseFile).organisationName());
        model.put("outcome", decision.outcome().name());
        model.put("basis", decision.basis().name());
        // below the minimum yet granted (the coordinator gave an amount, with a reason): the standard reason does not say "no grant"
        model.put("basisReasonKey", "grants.decision.reason." + decision.basis().name()
                + (decision.basis() == GrantDecision.Basis.BELOW_MINIMUM && decision.granted() ? ".granted" : ""));
        model.put("asked", decision.amountAsked());
        model.put("granted", decision.amountGranted());

        boolean scoredBasis = decision.basis() == GrantDecision.Basis.SCORED || decision.basis() == GrantDecision.Basis.BELOW_MINIMUM;
        model.put("scoredBasis", scoredBasis);
        model.put("score", decision.score());
        model.put("minimumScore", round.minimumScore());
        model.put("criteria", scoredBasis ? criteria(decision, locale) : List.of());
        model.put("publishesJustifications", properties.decisionPublishesJustifications());
        boolean changed = decision.changeReason() != null && !decision.changeReason().isBlank();
        model.put("changeReason", changed ? decision.changeReason().strip() : null);
        // the budget's standard reason only where no one gave a reason of their own for the amount
        model.put("budgetReason", !changed && decision.basis() == GrantDecision.Basis.SCORED
                && decision.outcome() != GrantDecision.Outcome.GRANTED ? decision.outcome().name() : null);
        model.put("eligibilityReasons", decision.basis() == GrantDecision.Basis.INELIGIBLE
                ? eligibility.of(decision.applicationId(), locale).map(GrantEligibilityView.View::reasons).orElse(List.of())
                : List.of());

        model.put("isGranted", decision.granted());
        String stateConditions = round.stateGrant() && round.stateGrantConditions() != null && !round.stateGrantConditions().isBlank()
                ? round.stateGrantConditions().strip() : null;
        model.put("stateGrant", round.stateGrant());
        model.put("stateGrantConditions", stateConditions);

        model.put("rectificationBody", properties.rectificationBody(locale));
        model.put("portalAddress", portalAddress());
        model.put("registryAddress", properties.registryAddress(locale));

        StaffDirectory.StaffMember maker = staff.find(decision.decidedBy()).orElse(null);
        model.put("makerName", maker == null ? decision.decidedBy() : maker.name());
        String title = properties.decisionMakerTitle(locale);
        model.put("makerTitle", title != null ? title : messages.getMessage("grants.decision.maker.title", null, locale));
        model.put("title", messages.getMessage("grants.decision.documentTitle", new Object[] {caseFile.reference()}, locale));
        return renderer.render(DECISION_TEMPLATE, locale, model);
    }

    /**
     * The decision on a request for rectification, in the applicant's language: the request (who
     * made it, when it came in, its reasons quoted), the body's answer with the new, asked and
     * earlier amounts and the body's reasons, the instructions for appealing to the administrative
     * court (no instructions for a request for rectification: this decision cannot be rectified),
     * and the body's secretary who recorded it. The request is the one this decision answers.
     */
    private byte[] rectificationPdf(GrantDecision decision) {
        Locale locale = locale(decision);
        GrantRectificationRequest request = rectifications.answeredBy(decision.id()).orElseThrow(
                () -> new IllegalStateException("decision " + decision.id() + " answers no request for rectification"));
        GrantDecision earlier = decisions.find(request.decisionId()).orElseThrow(
                () -> new IllegalStateException("request " + request.id() + " has no decision " + request.decisionId()));
        CaseFile caseFile = cases.find(decision.caseId()).orElseThrow(
                () -> new IllegalStateException("decision " + decision.id() + " has no case " + decision.caseId()));
        GrantRound round = rounds.find(decision.roundId()).orElseThrow(
                () -> new IllegalStateException("decision " + decision.id() + " has no round " + decision.roundId()));
        if (request.outcome() == null) {
            throw new IllegalStateException("request " + request.id() + " has no answer of the body");
        }
        String applicant = parties.of(caseFile).organisationName();

        Map<String, Object> model = new HashMap<>();
        model.put("county", referenceData.servedCounty().name(locale));
        model.put("reference", caseFile.reference());
        model.put("decision", decision);
        model.put("roundName", round.name(locale));
        model.put("applicant", applicant);
        model.put("body", properties.rectificationBody(locale));
        model.put("meetingOn", request.bodyMeetingOn());

        // the applicant's request is signed in by its contact's e-mail address: the organisation asked, not the address;
        // another party by the name staff entered (never the address their answer goes to)
        model.put("requestedBy", request.channel() == GrantRectificationRequest.Channel.PORTAL ? applicant : request.requestedBy());
        // by mail or letter: the day it came in, not the day it was entered
        model.put("receivedOn", request.receivedOn() != null ? request.receivedOn() : request.receivedAt());
        model.put("earlierDecidedAt", earlier.decidedAt());
        model.put("earlierGranted", earlier.granted());
        String reasons = request.reasons() == null ? "" : request.reasons().strip();
        String quote = quote(reasons, REQUEST_QUOTE_MAX);
        model.put("requestReasons", quote);
        model.put("requestShortened", quote.length() < reasons.length());

        model.put("outcome", request.outcome().name());
        // ".none": no grant results; refused on a rejection, or another party's request that took the grant away
        boolean refused = request.outcome() == GrantRectificationRequest.Outcome.REFUSED;
        model.put("outcomeKey", "grants.rectificationDecision.outcome." + request.outcome().name()
                + ((refused ? earlier.granted() : decision.granted()) ? "" : ".none"));
        model.put("asked", decision.amountAsked());
        model.put("granted", decision.amountGranted());
        model.put("earlierAmount", earlier.amountGranted());
        String bodyReasons = request.bodyReasons() != null && !request.bodyReasons().isBlank() ? request.bodyReasons()
                : decision.changeReason();
        model.put("bodyReasons", bodyReasons == null || bodyReasons.isBlank() ? null : bodyReasons.strip());

        model.put("isGranted", decision.granted());
        String stateConditions = round.stateGrant() && round.stateGrantConditions() != null && !round.stateGrantConditions().isBlank()
                ? round.stateGrantConditions().strip() : null;
        model.put("stateGrant", round.stateGrant());
        model.put("stateGrantConditions", stateConditions);

        model.put("court", properties.appealCourt(locale));
        model.put("courtAddress", properties.appealCourtAddress(locale));
        model.put("courtFee", properties.courtFee());
        // a text, or the message would print the year with a thousands separator
        model.put("courtFeeYear", String.valueOf(properties.courtFeeYear()));

        String recorder = request.recordedBy() != null ? request.recordedBy() : decision.decidedBy();
        model.put("recorderName", staff.find(recorder).map(StaffDirectory.StaffMember::name).orElse(recorder));
        model.put("title", messages.getMessage("grants.rectificationDecision.documentTitle", new Object[] {caseFile.reference()}, locale));
        return renderer.render(RECTIFICATION_TEMPLATE, locale, model);
    }

    /** At most {@code max} characters of a text, cut at a word with an ellipsis; the whole text when it fits. */
    static String quote(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        String kept = text.substring(0, cut > max / 2 ? cut : max - 1).stripTrailing();
        // "landskapet…", not "landskapet.…"
        return kept.replaceAll("[.,;:]+$", "") + "…";
    }

    /**
     * The decision's file name in its language: {@code paatos-AV-2026-0001.pdf}, {@code beslut-AV-2026-0001.pdf};
     * on a request for rectification {@code oikaisuvaatimuspaatos-AV-2026-0001.pdf}, {@code beslut-omprovning-AV-2026-0001.pdf}.
     */
    public String fileName(GrantDecision decision) {
        String reference = cases.find(decision.caseId()).map(CaseFile::reference).orElse(String.valueOf(decision.id()));
        String key = decision.stage() == GrantDecision.Stage.RECTIFICATION ? "grants.rectificationDecision.fileName"
                : "grants.decision.fileName";
        return messages.getMessage(key, null, locale(decision)) + "-" + reference + ".pdf";
    }

    /**
     * The round's decision list (päätösluettelo): every decision of the round, in the allocation's
     * order, with the amounts asked and granted, the scores and the totals, and who approved it when.
     */
    public byte[] decisionListPdf(long roundId, Locale locale) {
        Locale reader = Locales.of(locale == null ? null : locale.getLanguage());
        GrantRound round = rounds.find(roundId).orElseThrow(() -> new IllegalArgumentException("no grant round " + roundId));
        List<ListRow> rows = new ArrayList<>();
        BigDecimal asked = BigDecimal.ZERO;
        BigDecimal granted = BigDecimal.ZERO;
        int grantedCount = 0;
        for (GrantDecision decision : decisions.ofRound(roundId, GrantDecision.Stage.ORIGINAL)) {
            CaseFile caseFile = cases.find(decision.caseId()).orElseThrow();
            rows.add(new ListRow(parties.of(caseFile).organisationName(), caseFile.reference(), decision.amountAsked(),
                    decision.amountGranted(), decision.score(), decision.outcome()));
            asked = asked.add(decision.amountAsked());
            granted = granted.add(decision.amountGranted());
            grantedCount += decision.granted() ? 1 : 0;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("county", referenceData.servedCounty().name(reader));
        model.put("roundName", round.name(reader));
        model.put("budget", round.budget());
        model.put("rows", rows);
        model.put("totalAsked", asked);
        model.put("totalGranted", granted);
        model.put("count", rows.size());
        model.put("grantedCount", grantedCount);
        decisions.approval(roundId).ifPresent(approval -> {
            model.put("approvedBy", staff.find(approval.actor()).map(StaffDirectory.StaffMember::name).orElse(approval.actor()));
            model.put("approvedAt", approval.at());
        });
        model.put("title", messages.getMessage("grants.decisionList.documentTitle", new Object[] {round.name(reader)}, reader));
        return renderer.render(LIST_TEMPLATE, reader, model);
    }

    /** The round's criteria with the mean of the finished reviews' scores, and their justifications in review order. */
    private List<CriterionLine> criteria(GrantDecision decision, Locale locale) {
        Map<Long, List<GrantReviewRepository.GivenScore>> byCriterion = new LinkedHashMap<>();
        for (GrantReviewRepository.GivenScore score : reviews.givenScores(decision.applicationId())) {
            byCriterion.computeIfAbsent(score.criterionId(), id -> new ArrayList<>()).add(score);
        }
        List<CriterionLine> lines = new ArrayList<>();
        for (Criterion criterion : rounds.criteria(decision.roundId())) {
            List<GrantReviewRepository.GivenScore> given = byCriterion.getOrDefault(criterion.id(), List.of());
            BigDecimal mean = given.isEmpty() ? null
                    : given.stream().map(s -> BigDecimal.valueOf(s.score())).reduce(BigDecimal.ZERO, BigDecimal::add)
                            .divide(BigDecimal.valueOf(given.size()), 2, RoundingMode.HALF_UP);
            List<String> justifications = given.stream().map(GrantReviewRepository.GivenScore::justification)
                    .filter(j -> j != null && !j.isBlank()).map(String::strip).toList();
            lines.add(new CriterionLine(criterion.name(locale), criterion.weight(), mean, justifications));
        }
        return lines;
    }

    private String portalAddress() {
        String base = silta.baseUrl().strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/portal/my";
    }
}
