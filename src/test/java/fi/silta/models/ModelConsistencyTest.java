package fi.silta.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import fi.silta.cases.CaseKind;
import fi.silta.support.SiltaIntegrationTest;

/**
 * Every model in {@code processes/} against the conventions of {@link ModelConsistency}, and one
 * deliberately broken fixture per convention (test-only models in
 * {@code src/test/resources/model-consistency/}) that the check must reject.
 */
@SiltaIntegrationTest
class ModelConsistencyTest {

    static final Path PROCESSES = Path.of("processes");
    static final Path FIXTURES = Path.of("src/test/resources/model-consistency");

    @Autowired ApplicationContext context;

    private ModelConsistency consistency() {
        Map<String, Properties> bundles = Map.of(
                "fi", ModelConsistency.bundle("/i18n/messages.properties"),
                "sv", ModelConsistency.bundle("/i18n/messages_sv.properties"),
                "en", ModelConsistency.bundle("/i18n/messages_en.properties"));
        Set<String> caseProcesses = Arrays.stream(CaseKind.values()).map(CaseKind::processKey).collect(Collectors.toSet());
        caseProcesses.add("brokenStatusFixture");
        return new ModelConsistency(Path.of("forms"), Path.of("src/main/resources/templates/mail"), bundles,
                caseProcesses, context::containsBean);
    }

    @Test
    void everyModelInProcessesIsConsistent() {
        List<Path> models = ModelConsistency.models(PROCESSES);
        assertThat(models).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "grantApplication.bpmn", "grantFunding.bpmn", "grantRectification.bpmn", "grantReview.bpmn", "grantRound.bpmn",
                "organisationContactVerification.bpmn", "planComment.bpmn", "planCommentingRound.bpmn",
                "hyteNegotiationCycle.bpmn", "hyteNegotiation.bpmn", "hyteMeasureFollowUp.bpmn", "hyteMeasureReview.bpmn");
        ModelConsistency consistency = consistency();
        for (Path model : models) {
            assertThat(consistency.problems(model)).as(model.toString()).isEmpty();
        }
        // the checks really looked at something: forms, mails, listeners and status texts of the models
        List<ModelConsistency.Row> rows = models.stream().flatMap(m -> consistency.rows(m).stream()).toList();
        assertThat(rows.stream().filter(r -> r.form() != null)).hasSizeGreaterThanOrEqualTo(12);
        assertThat(rows.stream().filter(r -> r.mail() != null)).hasSizeGreaterThanOrEqualTo(10);
        assertThat(rows.stream().filter(r -> r.statusKey() != null)).hasSizeGreaterThanOrEqualTo(12);
        assertThat(rows.stream().filter(r -> !r.listeners().isEmpty())).hasSizeGreaterThanOrEqualTo(15);
        // printed for the README's table (Models and their parts)
        rows.forEach(r -> System.out.printf("| %s | `%s` | %s | %s | %s | %s |%n", r.processKey(), r.elementId(),
                cell(r.form()), cell(r.listeners()), cell(r.mail()), cell(r.statusKey())));
    }

    private static String cell(String text) {
        return text == null || text.isEmpty() ? "" : "`" + text + "`";
    }

    @Test
    void aUserTaskWhoseFormIsMissingIsRejected() {
        assertThat(consistency().problems(FIXTURES.resolve("brokenFormFixture.bpmn")))
                .containsExactly("brokenFormFixture.bpmn brokenFormFixture Task_NoSuchForm: form no-such-form is not in forms");
    }

    @Test
    void aSendTaskWhoseTemplateIsMissingOrUsesAMissingKeyIsRejected() {
        assertThat(consistency().problems(FIXTURES.resolve("brokenMailFixture.bpmn"))).containsExactly(
                "brokenMailFixture.bpmn brokenMailFixture Send_NoSuchTemplate: mail template no-such-template.txt is not in src/main/resources/templates/mail",
                "brokenMailFixture.bpmn brokenMailFixture Send_NoTemplate: a send task without a mailTemplate input parameter");
    }

    @Test
    void aCaseWaitOrEndWithoutStatusTextIsRejected() {
        assertThat(consistency().problems(FIXTURES.resolve("brokenStatusFixture.bpmn"))).containsExactlyInAnyOrder(
                "brokenStatusFixture.bpmn brokenStatusFixture Task_Unexplained: no status text status.brokenStatusFixture.Task_Unexplained in fi",
                "brokenStatusFixture.bpmn brokenStatusFixture Task_Unexplained: no status text status.brokenStatusFixture.Task_Unexplained in sv",
                "brokenStatusFixture.bpmn brokenStatusFixture Task_Unexplained: no status text status.brokenStatusFixture.Task_Unexplained in en",
                "brokenStatusFixture.bpmn brokenStatusFixture End_Unexplained: no status text status.brokenStatusFixture.End_Unexplained in fi",
                "brokenStatusFixture.bpmn brokenStatusFixture End_Unexplained: no status text status.brokenStatusFixture.End_Unexplained in sv",
                "brokenStatusFixture.bpmn brokenStatusFixture End_Unexplained: no status text status.brokenStatusFixture.End_Unexplained in en");
    }

    @Test
    void aDelegateOrListenerWithoutItsBeanIsRejected() {
        assertThat(consistency().problems(FIXTURES.resolve("brokenDelegateFixture.bpmn"))).containsExactlyInAnyOrder(
                "brokenDelegateFixture.bpmn brokenDelegateFixture Task_NoBean: no bean noSuchDelegate",
                "brokenDelegateFixture.bpmn brokenDelegateFixture Task_NoListenerBean: no bean noSuchListener");
    }

    @Test
    void aMailTemplateUsingAKeyMissingInALanguageIsRejected() {
        Map<String, Properties> bundles = Map.of("fi", ModelConsistency.bundle("/i18n/messages.properties"),
                "sv", new Properties(), "en", ModelConsistency.bundle("/i18n/messages_en.properties"));
        ModelConsistency withoutSwedish = new ModelConsistency(Path.of("forms"), Path.of("src/main/resources/templates/mail"),
                bundles, Set.of(), context::containsBean);
        assertThat(withoutSwedish.problems(PROCESSES.resolve("organisationContactVerification.bpmn")))
                .isNotEmpty().allMatch(p -> p.contains("missing in sv"));
    }
}
