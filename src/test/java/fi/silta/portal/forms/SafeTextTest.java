package fi.silta.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void escapesEverythingAndKnowsALittleMarkdown() {
        String html = SafeText.toHtml("### Otsikko\nRivi **lihava** <script>alert('x')</script>\ntoinen rivi\n\n- a\n- b & c\n\nLoppu", 3);
        assertThat(html).isEqualTo("<h2>Otsikko</h2>"
                + "<p>Rivi <strong>lihava</strong> &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>toinen rivi</p>"
                + "<ul><li>a</li><li>b &amp; c</li></ul>"
                + "<p>Loppu</p>");
    }

    @Test
    void linksOnlyToWebAndMail() {
        assertThat(SafeText.inline("[ohje](https://example.fi/a?b=1&c=2)"))
                .isEqualTo("<a href=\"https://example.fi/a?b=1&amp;c=2\">ohje</a>");
        assertThat(SafeText.inline("[x](javascript:alert(1))")).isEqualTo("[x](javascript:alert(1))");
        assertThat(SafeText.inline("[x](https://e.fi/\"onmouseover=\"alert(1))"))
                .doesNotContain("\"onmouseover").contains("&quot;onmouseover=&quot;");
        assertThat(SafeText.inline("[posti](mailto:a@b.fi)")).isEqualTo("<a href=\"mailto:a@b.fi\">posti</a>");
    }

    @Test
    void headingsAreShiftedBelowThePageHeading() {
        assertThat(SafeText.highestHeading("# A\n### B")).isEqualTo(1);
        assertThat(SafeText.toHtml("# A\n### B", 1)).isEqualTo("<h2>A</h2><h4>B</h4>");
        assertThat(SafeText.toHtml("#### D", 3)).isEqualTo("<h3>D</h3>");
        assertThat(SafeText.toHtml("#nospace", 7)).isEqualTo("<p>#nospace</p>");
    }
}
