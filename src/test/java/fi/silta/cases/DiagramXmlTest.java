package fi.silta.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class DiagramXmlTest {

    static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");

    @Test
    void keepsEveryElementAndShapeAndDropsWhatOnlyTheEngineNeeds() throws IOException {
        String model = read("processes/organisationContactVerification.bpmn");
        String shown;
        try (InputStream in = new ClassPathResource("processes/organisationContactVerification.bpmn").getInputStream()) {
            shown = new String(DiagramXml.forDisplay(in).orElseThrow(), StandardCharsets.UTF_8);
        }
        assertThat(ids(shown)).isEqualTo(ids(model));
        assertThat(count(shown, "<bpmndi:BPMNShape")).isEqualTo(count(model, "<bpmndi:BPMNShape"));
        assertThat(count(shown, "<bpmndi:BPMNEdge")).isEqualTo(count(model, "<bpmndi:BPMNEdge"));
        assertThat(shown).contains("name=\"Anna lisätietoja (yhteyshenkilö asiointipalvelussa)\"", "cancelActivity=\"false\"",
                "attachedToRef=\"Task_ProvideMoreInfo\"", "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\"/>");
        assertThat(shown).doesNotContain("camunda", "modeler:", "${", "extensionElements", "documentation");
    }

    @Test
    void aModelWithoutADiagramHasNoDisplayCopy() {
        String model = """
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
                  <bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process>
                </bpmn:definitions>""";
        assertThat(DiagramXml.forDisplay(stream(model))).isEmpty();
    }

    @Test
    void refusesADoctype() {
        String model = """
                <?xml version="1.0"?>
                <!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">&x;</bpmn:definitions>""";
        assertThatThrownBy(() -> DiagramXml.forDisplay(stream(model))).isInstanceOf(IllegalStateException.class);
    }

    private static Set<String> ids(String xml) {
        Set<String> ids = new TreeSet<>();
        Matcher m = ID.matcher(xml);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static String read(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
