package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseStaffSection;
import fi.silta.cases.CaseVisibility;
import fi.silta.security.Roles;
import fi.silta.web.Section;

/**
 * A granted application's payment on its staff page, for those who see the whole case: the instalments and the
 * account they go to; for coordinators, "do not pay" with a reason while something is unpaid.
 */
@Component
class GrantFundingStaffSection implements CaseStaffSection {

    private final GrantFundings fundings;
    private final GrantFundingService service;

    GrantFundingStaffSection(GrantFundings fundings, GrantFundingService service) {
        this.fundings = fundings;
        this.service = service;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) {
        if (caseFile.kind() != CaseKind.GRANT_APPLICATION || visibility != CaseVisibility.FULL) {
            return List.of();
        }
        return fundings.ofCase(caseFile.id()).map(funding -> {
            boolean coordinator = staff.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Roles.COORDINATOR.authority()));
            List<GrantPayment> payments = service.payments(funding);
            return List.of(new Section("grants/case-funding-staff", Map.of("funding", funding, "payments", payments,
                    "paid", fundings.paid(funding.id()),
                    "accountMasked", service.account(funding.organisationId()).map(GrantBankAccount::ibanMasked).orElse(""),
                    "mayStop", coordinator && funding.status().open() && payments.stream().anyMatch(p -> !p.status().closed()),
                    "reference", caseFile.reference())));
        }).orElse(List.of());
    }
}
