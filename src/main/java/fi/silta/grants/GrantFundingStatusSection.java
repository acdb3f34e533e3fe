package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.portal.CaseStatusController;
import fi.silta.portal.CaseStatusSection;
import fi.silta.web.Section;

/**
 * A granted application's payment on the applicant's status page: the amount, each instalment (due, paid, stopped),
 * the bank account (masked but for its last four characters), the report's due days; and for a signed-in verified
 * contact of the organisation, the forms to change the account and to decline the grant (checked again when posted,
 * {@link GrantFundingPortalController}).
 */
@Component
@Order(2)
class GrantFundingStatusSection implements CaseStatusSection {

    private final GrantFundings fundings;
    private final GrantFundingService service;

    GrantFundingStatusSection(GrantFundings fundings, GrantFundingService service) {
        this.fundings = fundings;
        this.service = service;
    }

    @Override
    public List<Section> statusPage(CaseFile caseFile, String token, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION) {
            return List.of();
        }
        return fundings.ofCase(caseFile.id()).map(funding -> {
            var account = service.account(funding.organisationId());
            Map<String, Object> model = new java.util.HashMap<>();
            model.put("funding", funding);
            model.put("payments", service.payments(funding));
            model.put("paid", fundings.paid(funding.id()));
            model.put("accountMasked", account.map(GrantBankAccount::ibanMasked).orElse(""));
            model.put("accountHolder", account.map(GrantBankAccount::holder).orElse(""));
            model.put("hasAccount", account.isPresent());
            model.put("mayChange", funding.status().open());
            model.put("mayDecline", service.mayDecline(funding));
            model.put("accountLink", CaseStatusController.link("/portal/cases/" + caseFile.reference() + "/bank-account", token));
            model.put("declineLink", CaseStatusController.link("/portal/cases/" + caseFile.reference() + "/decline-grant", token));
            return List.of(new Section("grants/case-funding", model));
        }).orElse(List.of());
    }
}
