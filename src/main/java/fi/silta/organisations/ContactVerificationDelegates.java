package fi.silta.organisations;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.CaseRequestListeners;
import fi.silta.cases.CaseRequests;
import fi.silta.engine.Refusals;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;

/** Thin delegates of {@code organisationContactVerification}: each hands over to a plain service. */
@Configuration(proxyBeanMethods = false)
public class ContactVerificationDelegates {

    static final String DECISION = "verificationDecision";
    static final String NOTE = "verificationNote";
    /** The contact's task of answering a request for more information. */
    static final String MORE_INFO_TASK = "Task_ProvideMoreInfo";

    /**
     * The contact is the case's (by the business key), never the {@code contactId} variable: a verifier's Tasklist
     * form may set any variable, and a hyte coordinator who verifies a municipality's contact must not thereby
     * verify someone else.
     */
    @Bean
    JavaDelegate markContactVerified(OrganisationService organisations, CaseRepository cases) {
        return execution -> organisations.markVerified(caseContactId(execution, cases), (String) execution.getVariable("verifiedBy"));
    }

    @Bean
    JavaDelegate markContactRejected(OrganisationService organisations, CaseRepository cases) {
        return execution -> organisations.markRejected(caseContactId(execution, cases), (String) execution.getVariable("verifiedBy"));
    }

    /**
     * Who verifies ({@code candidateGroups} of {@code Task_VerifyContact}): coordinators; for a contact of a
     * municipality also hyte coordinators, who work with the municipalities. Read from the case's organisation.
     */
    @Bean
    ContactVerifiers contactVerifiers(CaseRepository cases, OrganisationRepository organisations) {
        return new ContactVerifiers(cases, organisations);
    }

    /** The candidate groups of a contact's verification, from the case's organisation (not from variables). */
    public static class ContactVerifiers {
        private final CaseRepository cases;
        private final OrganisationRepository organisations;

        ContactVerifiers(CaseRepository cases, OrganisationRepository organisations) {
            this.cases = cases;
            this.organisations = organisations;
        }

        public List<String> groups(DelegateExecution execution) {
            return groupsFor(execution.getProcessBusinessKey());
        }

        public List<String> groupsFor(String caseReference) {
            boolean municipality = cases.findByReference(caseReference).map(CaseFile::organisationId)
                    .flatMap(organisations::find).map(Organisation::isMunicipality).orElse(false);
            return municipality ? List.of(Roles.COORDINATOR.groupId(), Roles.HYTE_COORDINATOR.groupId())
                    : List.of(Roles.COORDINATOR.groupId());
        }
    }

    /**
     * On every verification: the earlier requests for more information and the contact's answers
     * as a history text, and the earlier decision removed, so that a second verification opens
     * empty (one click on Done must not send a second request); the contact's earlier answer too
     * (it is in case_request), so that a second request's answer form opens empty.
     */
    @Bean
    TaskListener prepareVerification(CaseRequests requests, CaseRepository cases, StaffDirectory staff, MessageSource messages) {
        return task -> CaseRequestListeners.clearForRepeat(task, requests, cases, staff, messages, MORE_INFO_TASK, "moreInfoHistory",
                List.of(DECISION, NOTE, "moreInfoAnswer"));
    }

    /** Server-side check of the coordinator's form: a known decision, and a note unless approving. */
    @Bean
    TaskListener validateVerificationDecision(Refusals refusals) {
        return task -> {
            Object decision = task.getVariable(DECISION);
            if (!"approve".equals(decision) && !"askMore".equals(decision) && !"reject".equals(decision)) {
                throw refusals.refuse("verification.decision.required");
            }
            Object note = task.getVariable(NOTE);
            if (!"approve".equals(decision) && (note == null || note.toString().isBlank())) {
                throw refusals.refuse("verification.note.required");
            }
            task.getExecution().setVariable("verifiedBy", completedBy(task));
        };
    }

    /** Server-side check of the contact's answer to a request for more information. */
    @Bean
    TaskListener validateMoreInfoAnswer(Refusals refusals) {
        return task -> {
            Object answer = task.getVariable("moreInfoAnswer");
            if (answer == null || answer.toString().isBlank()) {
                throw refusals.refuse("verification.answer.required");
            }
        };
    }

    static long caseContactId(DelegateExecution execution, CaseRepository cases) {
        return cases.findByReference(execution.getProcessBusinessKey()).map(CaseFile::contactId)
                .orElseThrow(() -> new IllegalStateException("no case " + execution.getProcessBusinessKey()));
    }

    static String completedBy(DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication != null ? authentication.getUserId() : task.getAssignee();
    }
}
