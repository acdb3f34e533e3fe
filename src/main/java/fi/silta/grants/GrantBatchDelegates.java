package fi.silta.grants;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.silta.SiltaProperties;
import fi.silta.engine.Refusals;
import fi.silta.engine.Variables;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * Thin listeners and delegates of {@code grantPaymentBatch}: each hands over to {@link GrantBatches}. The batch is
 * always the one of the instance's business key ({@code MAKSU-<id>}), never a variable a form could set; a refusal
 * is Finnish, Swedish and English in Tasklist, with nothing stored.
 */
@Configuration(proxyBeanMethods = false)
public class GrantBatchDelegates {

    private static final String FIELD_PREFIX = "grants.batch.field.";

    /** Task_ApproveBatch created: what is approved, as people read it, and no earlier answer standing. */
    @Bean
    TaskListener grantBatchFillApproval(GrantBatches batches, SiltaProperties properties) {
        return task -> {
            GrantBatches.Batch batch = batches.find(batchId(task)).orElseThrow();
            Formats finnish = new Formats(Locales.FINNISH.getLanguage());
            task.setVariableLocal("batchReference", batch.reference());
            task.setVariableLocal("batchCountText", String.valueOf(batch.count()));
            task.setVariableLocal("batchTotalText", finnish.money(batch.total()));
            task.setVariableLocal("batchExecutionDateText", finnish.date(batches.executionDate()));
            task.setVariableLocal("batchUrl", properties.baseUrl() + "/staff/grants/payments#batch-" + batch.id());
            task.getExecution().removeVariable("batchDecision");
            task.getExecution().removeVariable("batchRejectReason");
        };
    }

    /**
     * Task_ApproveBatch completed: approve or reject (with a reason) by a coordinator who neither created nor changed
     * the batch (read from {@code grant_payment_batch_change}); {@code batchApproved} chooses the way on.
     */
    @Bean
    TaskListener grantBatchDecide(GrantBatches batches, Refusals refusals) {
        return task -> {
            String decision = refusals.refusing(FIELD_PREFIX, () -> Variables.text(task, "batchDecision"));
            String reason = refusals.refusing(FIELD_PREFIX, () -> Variables.text(task, "batchRejectReason"));
            refusals.refusing(FIELD_PREFIX, () -> batches.decide(batchId(task), decision, reason, actor(task), coordinator(task)));
            task.getExecution().setVariable("batchApproved", "approve".equals(decision));
        };
    }

    /** Task_CreatePaymentFiles: the pain.001 and the CSV stored, the payments paid, each funding told. */
    @Bean
    JavaDelegate grantBatchApprove(GrantBatches batches) {
        return execution -> batches.approve(batchId(execution));
    }

    /** Task_ReturnPayments: the payments due again. */
    @Bean
    JavaDelegate grantBatchReject(GrantBatches batches) {
        return execution -> batches.reject(batchId(execution));
    }

    static long batchId(DelegateTask task) {
        return GrantBatches.idOfBusinessKey(task.getExecution().getProcessBusinessKey());
    }

    static long batchId(VariableScope scope) {
        return GrantBatches.idOfBusinessKey(((org.camunda.bpm.engine.delegate.DelegateExecution) scope).getProcessBusinessKey());
    }

    private static boolean coordinator(DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication != null && authentication.getGroupIds() != null
                && authentication.getGroupIds().contains(fi.silta.security.Roles.COORDINATOR.groupId());
    }

    private static String actor(DelegateTask task) {
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
