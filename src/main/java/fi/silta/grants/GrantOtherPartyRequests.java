package fi.silta.grants;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.CaseFile;

/**
 * A request for rectification from someone other than the applicant, received by mail or letter
 * and entered by a coordinator: stored and its handling started ({@code grantRectification}, the
 * case's reference as business key) in one transaction, so a refused entry starts nothing.
 */
@Service
public class GrantOtherPartyRequests {

    public static final String PROCESS_KEY = "grantRectification";

    private final GrantRectificationService rectifications;
    private final GrantApplicationRepository applications;
    private final RuntimeService runtime;

    public GrantOtherPartyRequests(GrantRectificationService rectifications, GrantApplicationRepository applications,
            RuntimeService runtime) {
        this.rectifications = rectifications;
        this.applications = applications;
        this.runtime = runtime;
    }

    @Transactional
    public long enter(CaseFile caseFile, String channel, String requester, String address, String receivedOn, String reasons,
            String enteredBy) {
        long requestId = rectifications.enterForOtherParty(caseFile.id(), channel, requester, address, receivedOn, reasons, enteredBy);
        Map<String, Object> variables = new HashMap<>();
        variables.put("rectificationRequestId", requestId);
        variables.put("applicationId", applications.findByCase(caseFile.id()).orElseThrow().id());
        variables.put("caseReference", caseFile.reference());
        variables.put("requestedByOtherParty", true);
        variables.put("requesterName", requester.strip());
        variables.put("requesterAddress", address.strip());
        runtime.startProcessInstanceByKey(PROCESS_KEY, caseFile.reference(), variables);
        return requestId;
    }
}
