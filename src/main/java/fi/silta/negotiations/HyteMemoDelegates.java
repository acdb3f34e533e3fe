// CONTRACT STUB — owner H4, replaced on merge
package fi.silta.negotiations;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Contract stub of H4's memo services as the hyteNegotiation model calls them: no-ops, except that
 * {@link #changesRequested} reads the two answers from variables (H4 reads them from its tables).
 */
@Component("hyteMemoDelegates")
public class HyteMemoDelegates {

    public static final String DECISION = "memoDecision";

    public void requireReady(DelegateExecution execution) {
    }

    public void countyAnswered(DelegateTask task) {
        task.getExecution().getProcessInstance().setVariable("stubCountyDecision", task.getVariable(DECISION));
    }

    public void municipalityAnswered(DelegateTask task) {
        task.getExecution().getProcessInstance().setVariable("stubMunicipalityDecision", task.getVariable(DECISION));
    }

    public boolean changesRequested(DelegateExecution execution) {
        return !"approve".equals(execution.getVariable("stubCountyDecision"))
                || !"approve".equals(execution.getVariable("stubMunicipalityDecision"));
    }

    public void publish(DelegateExecution execution) {
    }

    public void startFollowUp(DelegateExecution execution) {
    }
}
