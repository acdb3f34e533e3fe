package fi.silta.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.context.MessageSource;
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
    /** Display copies by process definition id and language: a deployed definition never changes. */
    private final Map<String, Optional<byte[]>> displayCopies = new ConcurrentHashMap<>();

    private final MessageSource messages;

    public CaseDiagrams(HistoryService historyService, RepositoryService repositoryService, MessageSource messages) {
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.messages = messages;
    }

    /** The case's BPMN model for display, names in Finnish, or empty when it has no process instance or its model no diagram. */
    public Optional<byte[]> xml(CaseFile caseFile) {
        return xml(caseFile, fi.silta.web.Locales.FINNISH);
    }

    /**
     * The case's BPMN model for display with its elements' names in the reader's language
     * ({@code diagram.<processKey>.<elementId>} in the bundles; the model's name where there is none),
     * or empty when it has no process instance or its model no diagram.
     */
    public Optional<byte[]> xml(CaseFile caseFile, Locale locale) {
        if (caseFile.processInstanceId() == null) {
            return Optional.empty();
        }
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(caseFile.processInstanceId()).singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        Locale reader = fi.silta.web.Locales.of(locale == null ? null : locale.getLanguage());
        return displayCopies.computeIfAbsent(instance.getProcessDefinitionId() + "|" + reader.getLanguage(),
                key -> displayCopy(instance.getProcessDefinitionId(), instance.getProcessDefinitionKey(), reader));
    }

    private Optional<byte[]> displayCopy(String processDefinitionId, String processKey, Locale reader) {
        try (InputStream model = repositoryService.getProcessModel(processDefinitionId)) {
            return DiagramXml.forDisplay(model, id -> messages.getMessage("diagram." + processKey + "." + id, null, null, reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
