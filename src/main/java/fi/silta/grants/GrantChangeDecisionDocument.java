package fi.silta.grants;

import java.util.HashMap;
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
 * The decision on a change request ({@code templates/documents/grant-change-decision.html}) in the
 * applicant's language (fi or sv): what was asked and why, the decision with its reasons, the terms in
 * force after it (budget lines, the use-of-funds report's due day), and the same instructions for a
 * request for rectification as the grant decision (the same texts of the bundles). No status token.
 */
@Component
public class GrantChangeDecisionDocument {

    static final String TEMPLATE = "grant-change-decision";

    private final DocumentRenderer renderer;
    private final MessageSource messages;
    private final CaseRepository cases;
    private final CaseParties parties;
    private final GrantRoundRepository rounds;
    private final GrantFundings fundings;
    private final GrantChangeRequests requests;
    private final StaffDirectory staff;
    private final ReferenceData referenceData;
    private final GrantDecisionProperties properties;
    private final SiltaProperties silta;

    public GrantChangeDecisionDocument(DocumentRenderer renderer, MessageSource messages, CaseRepository cases, CaseParties parties,
            GrantRoundRepository rounds, GrantFundings fundings, GrantChangeRequests requests, StaffDirectory staff,
            ReferenceData referenceData, GrantDecisionProperties properties, SiltaProperties silta) {
        this.renderer = renderer;
        this.messages = messages;
        this.cases = cases;
        this.parties = parties;
        this.rounds = rounds;
        this.fundings = fundings;
        this.requests = requests;
        this.staff = staff;
        this.referenceData = referenceData;
        this.properties = properties;
        this.silta = silta;
    }

    public static Locale locale(GrantChangeRequest request) {
        return "sv".equals(request.language()) ? Locales.SWEDISH : Locales.FINNISH;
    }

    public byte[] pdf(GrantChangeRequest request) {
        if (request.outcome() == null || request.decidedAt() == null) {
            throw new IllegalStateException("change request " + request.id() + " is not decided");
        }
        Locale locale = locale(request);
        CaseFile caseFile = cases.find(request.caseId()).orElseThrow();
        GrantFunding funding = fundings.find(request.fundingId()).orElseThrow();
        GrantRound round = rounds.find(funding.roundId()).orElseThrow();
        Map<String, Object> model = new HashMap<>();
        model.put("county", referenceData.servedCounty().name(locale));
        model.put("reference", caseFile.reference());
        model.put("request", request);
        model.put("roundName", round.name(locale));
        model.put("applicant", parties.of(caseFile).organisationName());
        model.put("kind", request.kind().name());
        model.put("outcome", request.outcome().name());
        List<BudgetLine> asked = requests.lines(request.id(), GrantChangeRequests.ASKED);
        model.put("askedLines", asked);
        // the terms in force after the decision: the funding's lines and due day now
        model.put("termsLines", fundings.lines(funding.id()));
        model.put("termsReportDue", funding.reportDue());
        model.put("amountGranted", funding.amountGranted());
        model.put("rectificationLastDay", request.rectificationLastDay());
        model.put("rectificationBody", properties.rectificationBody(locale));
        model.put("portalAddress", portalAddress());
        model.put("registryAddress", properties.registryAddress(locale));
        StaffDirectory.StaffMember maker = staff.find(request.decidedBy()).orElse(null);
        model.put("makerName", maker == null ? request.decidedBy() : maker.name());
        String title = properties.decisionMakerTitle(locale);
        model.put("makerTitle", title != null ? title : messages.getMessage("grants.decision.maker.title", null, locale));
        model.put("title", messages.getMessage("grants.change.document.title", new Object[] {caseFile.reference()}, locale));
        return renderer.render(TEMPLATE, locale, model);
    }

    /** {@code muutospaatos-AV-2026-0001-3.pdf}, {@code andringsbeslut-AV-2026-0001-3.pdf}. */
    public String fileName(GrantChangeRequest request) {
        String reference = cases.find(request.caseId()).map(CaseFile::reference).orElse(String.valueOf(request.caseId()));
        return messages.getMessage("grants.change.document.fileName", null, locale(request)) + "-" + reference + "-" + request.id() + ".pdf";
    }

    private String portalAddress() {
        String base = silta.baseUrl().strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/portal/my";
    }
}
