package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which characters typed text may hold (no Spring). */
class TextRulesTest {

    @Test
    void controlCharactersAreRefusedLineBreaksOnlyInMultilineFields() {
        assertThat(TextRules.problem("Kerho\u0000toiminta", true)).isEqualTo(TextRules.CONTROL);
        assertThat(TextRules.problem("Kello\u0007", false)).isEqualTo(TextRules.CONTROL);
        assertThat(TextRules.problem("rivi\u001brivi", true)).isEqualTo(TextRules.CONTROL);
        assertThat(TextRules.problem("eka\nrivi\ttoka", true)).isNull();
        assertThat(TextRules.problem("eka\nrivi", false)).isEqualTo(TextRules.CONTROL);
        assertThat(TextRules.problem("Äänekosken Yhdistys ry – ‏שלום", false)).isNull();
        assertThat(TextRules.problem(null, false)).isNull();
    }

    @Test
    void bidirectionalOverridesEmbeddingsAndIsolatesAreRefusedInSingleLineFields() {
        for (char ch : new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'}) {
            assertThat(TextRules.problem("Rtl " + ch + "Henkilö", false)).as("U+%04X", (int) ch).isEqualTo(TextRules.BIDI);
            assertThat(TextRules.problem("Rtl " + ch + "Henkilö", true)).as("U+%04X in a text area", (int) ch).isNull();
        }
        assertThat(TextRules.problem("Rtl \u2069", false)).isEqualTo(TextRules.BIDI);
        assertThat(TextRules.problem("Rtl \u202F", false)).isNull();
    }
}
