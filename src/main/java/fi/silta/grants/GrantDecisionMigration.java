package fi.silta.grants;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import fi.silta.cases.CaseRepository;

/**
 * Applications and rounds whose processes ended where the models of part 1 ended (an application at
 * {@code End_ReadyForProposal}, {@code End_Ineligible} or {@code End_RejectedIncomplete}, a round at
 * {@code End_RoundClosed}). An ended instance cannot be migrated to a new model version, so each
 * gets a new instance of the current model started at the step where the new model waits: the
 * application at {@code Event_AwaitDecision}, the round at {@code Gateway_ReviewComplete}, with the
 * old instance's variables and business key; the case (or round) then follows the new instance.
 * Runs at every start, under the start lock (one node at a time), each one in its own transaction;
 * what has been moved is not found again.
 */
@Service
public class GrantDecisionMigration {

    static final Set<String> APPLICATION_ENDS = Set.of("End_ReadyForProposal", "End_Ineligible", "End_RejectedIncomplete");
    static final String ROUND_END = "End_RoundClosed";
    private static final Logger log = LoggerFactory.getLogger(GrantDecisionMigration.class);

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final CaseRepository cases;
    private final GrantRoundRepository rounds;
    private final GrantAllocationService allocation;
    private final TransactionTemplate transactions;

    public GrantDecisionMigration(JdbcClient jdbc, RuntimeService runtime, HistoryService history, CaseRepository cases,
            GrantRoundRepository rounds, GrantAllocationService allocation,
            org.springframework.transaction.PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.history = history;
        this.cases = cases;
        this.rounds = rounds;
        this.allocation = allocation;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Moves what needs moving; returns how many applications and rounds were moved. */
    public int run() {
        int moved = 0;
        record Waiting(long caseId, String reference, String processInstanceId) {
        }
        List<Waiting> applications = jdbc.sql("select c.id, c.reference, c.process_instance_id from case_file c "
                        + "join grant_application a on a.case_id = c.id "
                        + "where a.status in ('SCORED', 'INELIGIBLE', 'REJECTED_INCOMPLETE') and c.process_instance_id is not null "
                        + "and not exists (select 1 from grant_decision d where d.application_id = a.id)")
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        for (Waiting application : applications) {
            if (endedAt(application.processInstanceId(), APPLICATION_ENDS)) {
                transactions.executeWithoutResult(status -> {
                    String id = restart(application.processInstanceId(), fi.silta.cases.CaseKind.GRANT_APPLICATION.processKey(),
                            application.reference(), GrantDecisionService.AWAIT_ACTIVITY, Map.of());
                    cases.setProcessInstance(application.caseId(), id);
                });
                moved++;
            }
        }
        for (GrantRound round : rounds.withStatus(GrantRound.Status.CLOSED)) {
            if (round.processInstanceId() != null && endedAt(round.processInstanceId(), Set.of(ROUND_END))) {
                transactions.executeWithoutResult(status -> {
                    boolean complete = allocation.reviewComplete(round.id());
                    String id = restart(round.processInstanceId(), GrantRoundService.PROCESS_KEY,
                            GrantRoundService.reference(round.id()), "Gateway_ReviewComplete", Map.of("reviewComplete", complete));
                    rounds.setProcessInstance(round.id(), id);
                });
                moved++;
            }
        }
        if (moved > 0) {
            log.info("Moved {} ended applications and rounds to the decision step of the current models", moved);
        }
        return moved;
    }

    private boolean endedAt(String processInstanceId, Set<String> ends) {
        if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
            return false;
        }
        HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        return ended != null && ended.getEndActivityId() != null && ends.contains(ended.getEndActivityId());
    }

    private String restart(String oldInstanceId, String processKey, String businessKey, String activityId,
            Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(oldInstanceId)
                .disableCustomObjectDeserialization().list()) {
            if (oldInstanceId.equals(variable.getActivityInstanceId()) || variable.getActivityInstanceId() == null
                    || variable.getActivityInstanceId().equals(oldInstanceId)) {
                variables.put(variable.getName(), variable.getTypedValue());
            }
        }
        variables.putAll(extra);
        ProcessInstance started = runtime.createProcessInstanceByKey(processKey).businessKey(businessKey)
                .setVariables(variables).startBeforeActivity(activityId).execute();
        return started.getId();
    }
}
