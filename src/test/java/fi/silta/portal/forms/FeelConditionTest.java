package fi.silta.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeelConditionTest {

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return data;
    }

    @Test
    void equalsAString() {
        FeelCondition c = FeelCondition.parse("=verificationDecision = \"approve\"");
        assertThat(c.test(data("verificationDecision", "approve"))).isTrue();
        assertThat(c.test(data("verificationDecision", "reject"))).isFalse();
        assertThat(c.test(data())).isFalse();
    }

    @Test
    void notEqualsTrue() {
        FeelCondition c = FeelCondition.parse("=not(moreInfoLapsed = true)");
        assertThat(c.test(data("moreInfoLapsed", true))).isFalse();
        assertThat(c.test(data("moreInfoLapsed", false))).isTrue();
        // FEEL: null = true is false, so not(...) is true: the text stays hidden without the variable
        assertThat(c.test(data())).isTrue();
        // FEEL (the engine's): the text "true" is not a boolean, "true" = true is null and so is not(null);
        // only a condition that is true hides
        assertThat(c.test(data("moreInfoLapsed", "true"))).isFalse();
    }

    @Test
    void equalsNull() {
        FeelCondition c = FeelCondition.parse("=moreInfoAnswer = null");
        assertThat(c.test(data())).isTrue();
        assertThat(c.test(data("moreInfoAnswer", null))).isTrue();
        assertThat(c.test(data("moreInfoAnswer", "vastaus"))).isFalse();
    }

    @Test
    void numbersAndPathsAndCombinations() {
        assertThat(FeelCondition.parse("=amount = 100").test(data("amount", new BigDecimal("100.00")))).isTrue();
        assertThat(FeelCondition.parse("=amount = 100").test(data("amount", 100L))).isTrue();
        assertThat(FeelCondition.parse("=amount != 100").test(data("amount", 5))).isTrue();
        assertThat(FeelCondition.parse("=contact.kind = \"x\"").test(data("contact", Map.of("kind", "x")))).isTrue();
        assertThat(FeelCondition.parse("=contact.kind = \"x\"").test(data("contact", "x"))).isFalse();
        FeelCondition both = FeelCondition.parse("= a = \"1\" and (b = true or not(c = null))");
        assertThat(both.test(data("a", "1", "b", true))).isTrue();
        assertThat(both.test(data("a", "1", "c", "x"))).isTrue();
        assertThat(both.test(data("a", "1"))).isFalse();
        assertThat(FeelCondition.parse("=flag").test(data("flag", true))).isTrue();
        assertThat(FeelCondition.parse("=flag").test(data())).isFalse();
    }

    @Test
    void aStringNeverEqualsABoolean() {
        assertThat(FeelCondition.parse("=x = \"true\"").test(data("x", true))).isFalse();
        assertThat(FeelCondition.parse("=x = true").test(data("x", "true"))).isFalse();
    }

    @Test
    void theWholeOfFeelAsTheEngineReadsIt() {
        assertThat(FeelCondition.parse("=x > 5").test(data("x", 7))).isTrue();
        assertThat(FeelCondition.parse("=x > 5").test(data("x", 3))).isFalse();
        assertThat(FeelCondition.parse("=x > 5").test(data())).isFalse();
        assertThat(FeelCondition.parse("=count(items) = 2").test(data("items", java.util.List.of("a", "b")))).isTrue();
        assertThat(FeelCondition.parse("=x in [1,2]").test(data("x", 2))).isTrue();
        assertThat(FeelCondition.parse("=x = y").test(data("x", "a", "y", "a"))).isTrue();
        assertThat(FeelCondition.parse("=amount >= 1000.50").test(data("amount", new BigDecimal("1000.50")))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=x = \"a", "=x = 1 +", "=(x = 1", "=x = = 1"})
    void refusesWhatIsNotFeel(String expression) {
        assertThatThrownBy(() -> FeelCondition.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not supported");
    }

    @Test
    void blankIsNever() {
        assertThat(FeelCondition.parse(null)).isSameAs(FeelCondition.NEVER);
        assertThat(FeelCondition.parse(" ")).isSameAs(FeelCondition.NEVER);
    }
}
