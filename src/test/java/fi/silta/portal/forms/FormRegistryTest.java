package fi.silta.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FormRegistryTest {

    @Test
    void readsTheFormsOfTheProject() {
        FormRegistry registry = new FormRegistry();
        assertThat(registry.ids()).contains("contact-more-info", "verify-contact");
        FormDefinition form = registry.get("verify-contact");
        assertThat(form.problems()).isEmpty();
        FormComponent note = form.allComponents().stream().filter(c -> "verificationNote".equals(c.key())).findFirst().orElseThrow();
        assertThat(note.hide().source()).isEqualTo("=verificationDecision = \"approve\"");
        assertThat(note.validate().maxLength()).isEqualTo(2000);
    }

    @Test
    void readsEveryComponentOfTheTestForm() {
        FormDefinition form = new FormRegistry("classpath*:forms-test/*.form").get("all-types");
        assertThat(form.schemaVersion()).isEqualTo(16);
        assertThat(form.allComponents()).extracting(FormComponent::type).contains(ComponentType.values());
        FormComponent list = form.allComponents().stream().filter(c -> c.type() == ComponentType.DYNAMICLIST).findFirst().orElseThrow();
        assertThat(list.key()).isEqualTo("budgetRows");
        assertThat(list.components()).extracting(FormComponent::key).containsExactly("item", "cost", "costNote");
        FormComponent amount = form.allComponents().stream().filter(c -> "amount".equals(c.key())).findFirst().orElseThrow();
        assertThat(amount.isMoney()).isTrue();
        assertThat(amount.validate().min()).isEqualByComparingTo("100");
        FormComponent eventAt = form.allComponents().stream().filter(c -> "eventAt".equals(c.key())).findFirst().orElseThrow();
        assertThat(eventAt.label()).isEqualTo("Päivä");
        assertThat(eventAt.dateSubtype()).isEqualTo("datetime");
    }

    @Test
    void unknownIdsFailClearly() {
        FormRegistry registry = new FormRegistry();
        assertThatThrownBy(() -> registry.get("no-such-form"))
                .isInstanceOf(UnknownFormException.class)
                .hasMessageContaining("no-such-form")
                .hasMessageContaining("verify-contact");
    }

    @Test
    void aFormThePortalCannotHandleIsRefusedWithEveryProblemNamed() {
        FormDefinition form = FormRegistry.parse("""
                {"id": "odd", "schemaVersion": 16, "components": [
                  {"id": "A", "type": "taglist", "key": "tags"},
                  {"id": "B", "type": "textfield", "key": "x", "conditional": {"hide": "=count(y) > "}},
                  {"id": "C", "type": "select", "key": "c", "valuesExpression": "=options"},
                  {"id": "D", "type": "textfield", "key": "x"},
                  {"id": "E", "type": "textfield", "key": "m", "properties": {"silta:type": "bitcoin"}},
                  {"id": "F", "type": "textfield", "key": "p", "validate": {"pattern": "("}},
                  {"id": "G", "type": "checkbox", "key": "g", "properties": {"silta:type": "money"}},
                  {"id": "H", "type": "textfield"}
                ]}""", "odd.form");
        assertThat(form.problems()).hasSize(9);
        assertThat(String.join("\n", form.problems()))
                .contains("'taglist' is not supported")
                .contains("count(y) > ")
                .contains("valuesExpression")
                .contains("'x' is used twice")
                .contains("'bitcoin' is unknown")
                .contains("not a valid regular expression")
                .contains("does not fit a checkbox")
                .contains("H (textfield): has no key");
    }

    @Test
    void malformedFormsFailAtOnce() {
        assertThatThrownBy(() -> FormRegistry.parse("{", "bad.form")).hasMessageContaining("bad.form is not valid JSON");
        assertThatThrownBy(() -> FormRegistry.parse("{\"components\": []}", "noid.form")).hasMessageContaining("has no id");
    }
}
