package fi.silta.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import fi.silta.web.InvalidInput;

/** The typed readers refuse what they cannot read; they never return a sentinel value. */
class VariablesTest {

    /** A variable scope without an engine: getVariable answers from the map. */
    private static VariableScope scope(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        VariableScope scope = Mockito.mock(VariableScope.class);
        Mockito.when(scope.getVariable(Mockito.anyString())).thenAnswer(call -> values.get(call.getArgument(0, String.class)));
        return scope;
    }

    @Test
    void numbersAreReadExactlyAsTaskListAndPeopleWriteThem() {
        VariableScope scope = scope("a", 3, "b", 4L, "c", 2.5d, "d", "1 234,50", "e", "  ", "f", new BigDecimal("0.10"));
        assertThat(Variables.decimal(scope, "a")).isEqualByComparingTo("3");
        assertThat(Variables.decimal(scope, "b")).isEqualByComparingTo("4");
        assertThat(Variables.decimal(scope, "c")).isEqualByComparingTo("2.5");
        assertThat(Variables.decimal(scope, "d")).isEqualByComparingTo("1234.50");
        assertThat(Variables.decimal(scope, "e")).isNull();
        assertThat(Variables.decimal(scope, "missing")).isNull();
        assertThat(Variables.decimal(scope, "f")).isEqualByComparingTo("0.10");
    }

    @Test
    void textThatIsNotANumberIsRefusedNeverMinusOne() {
        VariableScope scope = scope("score", "viisi", "nan", Double.NaN, "both", "1.234,5");
        assertThatThrownBy(() -> Variables.decimal(scope, "score")).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).errors()).extracting(InvalidInput.FieldError::field).containsExactly("score"));
        assertThatThrownBy(() -> Variables.decimal(scope, "nan")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Variables.decimal(scope, "both")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void wholeNumbersAcceptTasklistDoublesButNotFractions() {
        VariableScope scope = scope("days", 14.0d, "text", "7", "half", "2,5");
        assertThat(Variables.wholeNumber(scope, "days")).isEqualTo(14);
        assertThat(Variables.wholeNumber(scope, "text")).isEqualTo(7);
        assertThat(Variables.wholeNumber(scope, "missing")).isNull();
        assertThatThrownBy(() -> Variables.wholeNumber(scope, "half")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("form.number.integer");
    }

    @Test
    void idsAreWhatTheModelSetsAndAMissingOneIsAProgrammingError() {
        assertThat(Variables.id(scope("applicationId", 42L), "applicationId")).isEqualTo(42L);
        assertThat(Variables.id(scope("applicationId", 42), "applicationId")).isEqualTo(42L);
        assertThatThrownBy(() -> Variables.id(scope(), "applicationId")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Variables.id(scope("applicationId", "42"), "applicationId")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void flagsAndText() {
        VariableScope scope = scope("yes", true, "text", "true", "no", "yes", "name", "Aino");
        assertThat(Variables.flag(scope, "yes")).isTrue();
        assertThat(Variables.flag(scope, "text")).isTrue();
        assertThat(Variables.flag(scope, "no")).isFalse();
        assertThat(Variables.flag(scope, "missing")).isFalse();
        assertThat(Variables.text(scope, "name")).isEqualTo("Aino");
        assertThat(Variables.text(scope, "missing")).isNull();
        assertThat(Variables.blank(" ")).isTrue();
    }

    @Test
    void textTypedInTasklistWithAControlCharacterIsRefusedWithItsMessage() {
        VariableScope scope = scope("note", "Puuttuu\u0000liite", "lines", "Rivi 1\nRivi 2\tsarake", "bell", "Hei\u0007");
        assertThatThrownBy(() -> Variables.text(scope, "note")).isInstanceOfSatisfying(InvalidInput.class,
                refused -> assertThat(refused.errors()).singleElement().satisfies(e -> assertThat(e.messageKey()).isEqualTo("text.control")));
        assertThatThrownBy(() -> Variables.text(scope, "bell")).isInstanceOf(InvalidInput.class);
        assertThat(Variables.text(scope, "lines")).isEqualTo("Rivi 1\nRivi 2\tsarake");
        assertThat(Variables.text(scope, "missing")).isNull();
    }
}
