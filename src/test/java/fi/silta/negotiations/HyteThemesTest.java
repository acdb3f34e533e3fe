package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The themes of a cycle however {@code hyte_cycle.themes} holds them. */
class HyteThemesTest {

    @Test
    void oneThemePerLine() {
        assertThat(HyteThemes.parse("Lasten hyvinvointi\n\n  Ikääntyneet \r\nMielenterveys")).containsExactly("Lasten hyvinvointi",
                "Ikääntyneet", "Mielenterveys");
    }

    @Test
    void aJsonArrayOfTextsOrOfObjects() {
        assertThat(HyteThemes.parse("[\"Lapset\", \" \", \"Ikääntyneet\"]")).containsExactly("Lapset", "Ikääntyneet");
        assertThat(HyteThemes.parse("[{\"fi\": \"Lapset\", \"sv\": \"Barn\"}, {\"name\": \"Liikunta\"}]")).containsExactly("Lapset", "Liikunta");
    }

    @Test
    void noThemes() {
        assertThat(HyteThemes.parse(null)).isEmpty();
        assertThat(HyteThemes.parse("  ")).isEmpty();
        assertThat(HyteThemes.parse("[not json")).containsExactly("[not json");
    }
}
