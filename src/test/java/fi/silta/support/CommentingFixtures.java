package fi.silta.support;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFileService.OpenedCase;
import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.commenting.CommentAnswers;
import fi.silta.commenting.CommentingRound;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.web.Locales;

/**
 * Commenting rounds for tests: started and configured through {@code planCommentingRound} as the
 * coordinator does in Tasklist (so the round is open on the portal), and answers stored as the portal does.
 */
@Component
public class CommentingFixtures {

    private final FormService formService;
    private final RepositoryService repositoryService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final CommentAnswers answers;
    private final OrganisationRepository organisations;
    private final DocumentService documents;
    /** A minimal PDF the document rules accept. */
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public CommentingFixtures(FormService formService, RepositoryService repositoryService, TaskService taskService,
            RuntimeService runtimeService, IdentityService identityService, CommentAnswers answers, OrganisationRepository organisations,
            DocumentService documents) {
        this.documents = documents;
        this.formService = formService;
        this.repositoryService = repositoryService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.answers = answers;
        this.organisations = organisations;
    }

    /** An open round closing in {@code days} days at 16.00 Helsinki time, inviting these organisations (only them unless {@code openToAll}). */
    public long openRound(List<Long> invited, boolean openToAll, int days) {
        LocalDateTime closes = ZonedDateTime.now(Locales.HELSINKI).toLocalDate().plusDays(days).atTime(16, 0);
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("titleFi", "Suunnitelmaluonnos " + UUID.randomUUID().toString().substring(0, 8));
        start.put("closesAt", closes.toString());
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("descriptionFi", "Luonnos lausunnolle.");
        configuration.put("questions", SpinValues.jsonValue("[{\"textFi\": \"Luku 1: Tavoitteet\", \"textSv\": \"Kapitel 1: Målen\"},"
                + " {\"textFi\": \"Kuinka hyvin luonnos vastaa tarpeitanne?\", \"scale\": true}]").create());
        configuration.put("invitedOrganisations", SpinValues.jsonValue(invited.stream().map(id -> "\"" + id + "\"").toList().toString()).create());
        configuration.put("openToAll", openToAll);
        configuration.put("reminderDays", "7, 1");
        configuration.put("contactPerson", "aino.virtanen");
        configuration.put("decisionMaker", "helena.hamalainen");
        identityService.setAuthentication("aino.virtanen", List.of("coordinators"));
        try {
            String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("planCommentingRound")
                    .latestVersion().singleResult().getId();
            String instance = formService.submitStartForm(definition, start).getId();
            long roundId = ((Number) runtimeService.getVariable(instance, "commentingRoundId")).longValue();
            draft(roundId);
            formService.submitTaskForm(taskService.createTaskQuery().processInstanceId(instance).singleResult().getId(), configuration);
            return roundId;
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** The round's draft document, as the coordinator uploads it on its staff page before completing the configuration. */
    public void draft(long roundId) {
        documents.storeCallDocument(CommentingRound.CALL_KIND, roundId, "material-1", "Suunnitelman luonnos",
                Upload.of("file", "luonnos.pdf", "application/pdf", PDF), "aino.virtanen");
    }

    /** The organisation's answer as the portal stores it, by this contact. */
    public OpenedCase answer(long roundId, long contactId, String text) {
        return answers.submit(roundId, organisations.contact(contactId).orElseThrow(), Map.of("q1", text, "q2", "4"), List.of(),
                UUID.randomUUID().toString());
    }
}
