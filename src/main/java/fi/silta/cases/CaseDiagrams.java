package fi.silta.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/**
 * The process diagram of a case: the model its own process instance runs on (the deployed
 * version it started with, not necessarily the newest), as {@link DiagramXml} shows it to
 * outsiders. Who may see it is decided by the caller ({@link CaseAccess}).
 */
@Service
public class CaseDiagrams {

    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    /** Display copies by process definition id: a deployed definition never changes. */
    private final Map<String, Optional<byte[]>> displayCopies = new ConcurrentHashMap<>();

    public CaseDiagrams(HistoryService historyService, RepositoryService repositoryService) {
        this.historyService = historyService;
        this.repositoryService = repositoryService;
    }

    /** The case's BPMN model for display, or empty when it has no process instance or its model no diagram. */
    public Optional<byte[]> xml(CaseFile caseFile) {
        if (caseFile.processInstanceId() == null) {
            return Optional.empty();
        }
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(caseFile.processInstanceId()).singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        return displayCopies.computeIfAbsent(instance.getProcessDefinitionId(), this::displayCopy);
    }

    private Optional<byte[]> displayCopy(String processDefinitionId) {
        try (InputStream model = repositoryService.getProcessModel(processDefinitionId)) {
            return DiagramXml.forDisplay(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
