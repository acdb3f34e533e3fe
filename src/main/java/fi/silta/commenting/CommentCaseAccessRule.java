package fi.silta.commenting;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseAccessRule;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseVisibility;
import fi.silta.security.Roles;

/**
 * Who sees an organisation's answer to a commenting round: those who run rounds and follow whole
 * cases (coordinators, decision makers, managers, administrators); no reviewer or liaison.
 */
@Component
class CommentCaseAccessRule implements CaseAccessRule {

    @Override
    public CaseKind kind() {
        return CaseKind.PLAN_COMMENT;
    }

    @Override
    public CaseVisibility visibility(CaseFile caseFile, StaffMember staff) {
        return staff.inAny(Roles.caseOverseers()) ? CaseVisibility.FULL : CaseVisibility.NONE;
    }
}
