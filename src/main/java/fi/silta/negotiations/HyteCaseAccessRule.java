package fi.silta.negotiations;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseAccessRule;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseVisibility;
import fi.silta.security.Roles;

/**
 * Who among the staff sees a hyte negotiation: hyte coordinators run them (full), liaisons take part and decision
 * makers approve the memos (read the whole case), managers and administrators follow; NGO coordinators and
 * reviewers have no need to know.
 */
@Component
class HyteCaseAccessRule implements CaseAccessRule {

    @Override
    public CaseKind kind() {
        return CaseKind.HYTE_NEGOTIATION;
    }

    @Override
    public CaseVisibility visibility(CaseFile caseFile, StaffMember staff) {
        return staff.in(Roles.HYTE_COORDINATOR) || staff.in(Roles.LIAISON) || staff.in(Roles.DECISION_MAKER) || staff.in(Roles.MANAGER)
                || staff.in(Roles.ADMINISTRATOR) ? CaseVisibility.FULL : CaseVisibility.NONE;
    }
}
