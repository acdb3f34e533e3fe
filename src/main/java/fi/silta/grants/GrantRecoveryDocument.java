package fi.silta.grants;

import java.util.HashMap;
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
 * A recovery decision (takaisinperintäpäätös) in the organisation's language, fi or sv
 * ({@code templates/documents/grant-recovery-decision.html}): the grant and what was paid of it, the amount recovered,
 * the reasons, the due date and how to pay (the county's account and the payment reference from
 * {@code silta.grants.recovery.*}), and the same instructions for a request for rectification as the grant decision
 * (its texts, its body and addresses). Rendering only; no status token in the document.
 */
@Component
public class GrantRecoveryDocument {

    static final String TEMPLATE = "grant-recovery-decision";

    private final DocumentRenderer renderer;
    private final MessageSource messages;
    private final CaseRepository cases;
    private final CaseParties parties;
    private final GrantFundings fundings;
    private final GrantRoundRepository rounds;
    private final StaffDirectory staff;
    private final ReferenceData referenceData;
    private final GrantDecisionProperties decisionProperties;
    private final GrantRecoveryProperties properties;
    private final SiltaProperties silta;

    public GrantRecoveryDocument(DocumentRenderer renderer, MessageSource messages, CaseRepository cases, CaseParties parties,
            GrantFundings fundings, GrantRoundRepository rounds, StaffDirectory staff, ReferenceData referenceData,
            GrantDecisionProperties decisionProperties, GrantRecoveryProperties properties, SiltaProperties silta) {
        this.renderer = renderer;
        this.messages = messages;
        this.cases = cases;
        this.parties = parties;
        this.fundings = fundings;
        this.rounds = rounds;
        this.staff = staff;
        this.referenceData = referenceData;
        this.decisionProperties = decisionProperties;
        this.properties = properties;
        this.silta = silta;
    }

    public static Locale locale(GrantRecovery recovery) {
        return "sv".equals(recovery.language()) ? Locales.SWEDISH : Locales.FINNISH;
    }

    public byte[] pdf(GrantRecovery recovery) {
        Locale locale = locale(recovery);
        CaseFile caseFile = cases.find(recovery.caseId()).orElseThrow();
        GrantFunding funding = fundings.find(recovery.fundingId()).orElseThrow();
        GrantRound round = rounds.find(funding.roundId()).orElseThrow();
        Map<String, Object> model = new HashMap<>();
        model.put("county", referenceData.servedCounty().name(locale));
        model.put("reference", caseFile.reference());
        model.put("recovery", recovery);
        model.put("roundName", round.name(locale));
        model.put("applicant", parties.of(caseFile).organisationName());
        model.put("granted", funding.amountGranted());
        model.put("paid", fundings.paid(funding.id()));
        model.put("reasonKey", "grants.recovery.reason." + recovery.reason().name());
        model.put("iban", properties.iban());
        model.put("bic", properties.bic());
        model.put("recipient", properties.recipient(locale));
        model.put("paymentReference", properties.reference(recovery.id()));
        // the grant decision's instructions for a request for rectification: the same texts, body and addresses
        model.put("rectificationBody", decisionProperties.rectificationBody(locale));
        model.put("portalAddress", portalAddress());
        model.put("registryAddress", decisionProperties.registryAddress(locale));
        StaffDirectory.StaffMember maker = staff.find(recovery.decidedBy()).orElse(null);
        model.put("makerName", maker == null ? recovery.decidedBy() : maker.name());
        String title = decisionProperties.decisionMakerTitle(locale);
        model.put("makerTitle", title != null ? title : messages.getMessage("grants.decision.maker.title", null, locale));
        model.put("title", messages.getMessage("grants.recovery.documentTitle", new Object[] {caseFile.reference()}, locale));
        return renderer.render(TEMPLATE, locale, model);
    }

    /** {@code takaisinperintapaatos-AV-2026-0001.pdf}, {@code aterkrav-AV-2026-0001.pdf}. */
    public String fileName(GrantRecovery recovery) {
        String reference = cases.find(recovery.caseId()).map(CaseFile::reference).orElse(String.valueOf(recovery.id()));
        return messages.getMessage("grants.recovery.fileName", null, locale(recovery)) + "-" + reference + ".pdf";
    }

    private String portalAddress() {
        String base = silta.baseUrl().strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/portal/my";
    }
}
