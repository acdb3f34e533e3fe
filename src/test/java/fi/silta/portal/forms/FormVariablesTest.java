package fi.silta.portal.forms;

import static fi.silta.portal.forms.TestForms.MUNICIPALITIES;
import static fi.silta.portal.forms.TestForms.allTypes;
import static fi.silta.portal.forms.TestForms.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;

class FormVariablesTest {

    @Test
    void valuesBecomeVariablesWithoutJavaSerialization() {
        FormResult result = new FormValidator().validate(allTypes(), valid()
                .set("balance", "-0,5").set("share", "0,25").set("participants", "12")
                .set("meetingAt", "29.3.2026 4.00").set("startDate", "2026-06-01").set("eventTime", "9.05")
                .set("targets", "youth").set("budgetRows[0].costNote", "sopimus").submission(), Map.of(), MUNICIPALITIES);
        Map<String, Object> variables = FormVariables.forEngine(allTypes(), result.values());

        assertThat(variables.get("amount")).isEqualTo("1234.50");
        assertThat(variables.get("balance")).isEqualTo("-0.50");
        assertThat(variables.get("share")).isEqualTo(0.25);
        assertThat(variables.get("participants")).isEqualTo(12L);
        assertThat(variables.get("meetingAt")).isEqualTo("2026-03-29T04:00:00+03:00");
        assertThat(variables.get("startDate")).isEqualTo("2026-06-01");
        assertThat(variables.get("eventTime")).isEqualTo("09:05");
        assertThat(variables.get("consent")).isEqualTo(true);
        assertThat(variables.get("email")).isNull();
        assertThat(variables).containsKey("email");
        assertThat(variables.get("targets")).isInstanceOfSatisfying(JsonValue.class,
                json -> assertThat(json.getValueSerialized()).isEqualTo("[\"youth\"]"));
        assertThat(variables.get("contact")).isInstanceOfSatisfying(JsonValue.class,
                json -> assertThat(json.getValueSerialized()).isEqualTo("{\"person\":\"Aino Virtanen\",\"phone\":null}"));
        assertThat(variables.get("budgetRows")).isInstanceOfSatisfying(JsonValue.class,
                json -> assertThat(json.getValueSerialized()).isEqualTo("[{\"item\":\"Vuokra\",\"cost\":\"500.00\",\"costNote\":\"sopimus\"}]"));
        assertThat(variables.values()).filteredOn(v -> v != null)
                .allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Boolean.class, Long.class, Double.class, JsonValue.class));
    }

    @Test
    void jsonVariablesFromTheEngineAreShownAgain() {
        Map<String, Object> fromEngine = Map.of(
                "budgetRows", org.camunda.spin.plugin.variable.SpinValues.jsonValue("[{\"item\":\"Vuokra\",\"cost\":\"500.00\"}]").create(),
                "targets", org.camunda.spin.Spin.JSON("[\"youth\"]"),
                "amount", "1234.50");
        assertThat(FormVariables.fromEngine(fromEngine)).containsEntry("targets", java.util.List.of("youth"))
                .containsEntry("budgetRows", java.util.List.of(Map.of("item", "Vuokra", "cost", "500.00")));
        FormView form = new FormRenderer(TestForms.messages()).render(allTypes(), fromEngine, MUNICIPALITIES, fi.silta.web.Locales.FINNISH);
        assertThat(FormRendererTest.field(form, "budgetRows[0].cost").orElseThrow().getValue()).isEqualTo("500,00");
        assertThat(FormRendererTest.field(form, "budgetRows[1].item")).as("no spare blank row").isEmpty();
        assertThat(FormRendererTest.field(form, "targets").orElseThrow().getOptions()).extracting(FieldView.OptionView::selected)
                .containsExactly(false, true, false);
        assertThat(FormRendererTest.field(form, "amount").orElseThrow().getValue()).isEqualTo("1234,50");
    }
}
