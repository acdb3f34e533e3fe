package fi.silta.portal.forms;

import static fi.silta.portal.forms.TestForms.MUNICIPALITIES;
import static fi.silta.portal.forms.TestForms.allTypes;
import static fi.silta.portal.forms.TestForms.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/** templates/portal/form-fields.html rendered by Thymeleaf, as a page would include it. */
class FormFieldsTemplateTest {

    static final SpringTemplateEngine ENGINE = new SpringTemplateEngine();

    static {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        ENGINE.setTemplateResolver(resolver);
    }

    /** The one bean the fragment calls (${@formFieldsHtml...}), as the application context gives it. */
    static final FormFieldsHtml FIELDS = new FormFieldsHtml(ENGINE);
    private static final StaticApplicationContext BEANS = new StaticApplicationContext();

    static {
        BEANS.getBeanFactory().registerSingleton("formFieldsHtml", FIELDS);
        BEANS.refresh();
    }

    private final FormRenderer renderer = new FormRenderer(TestForms.messages());

    private static String html(FormView form) {
        Context context = new Context(Locales.FINNISH);
        context.setVariable("form", form);
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(BEANS, null));
        // one space for every run of whitespace, so that assertions need not follow the template's layout
        return ENGINE.process("portal/form-fields", Set.of("fields"), context).replaceAll("\\s+", " ");
    }

    private String afterPost(TestForms.Post post) {
        InvalidInput errors = catchThrowableOfType(InvalidInput.class,
                () -> new FormValidator().validate(allTypes(), post.submission(), Map.of(), MUNICIPALITIES));
        return html(renderer.render(allTypes(), Map.of(), post.submission(), errors, MUNICIPALITIES, Locales.FINNISH));
    }

    private static Set<String> all(String regex, String html) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String tag(String html, String id) {
        Matcher m = Pattern.compile("<(input|select|textarea|fieldset)[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        assertThat(m.find()).as("element #" + id).isTrue();
        return m.group();
    }

    @Test
    void everyInputHasALabelAndRequiredIsMarked() {
        String html = html(renderer.render(allTypes(), Map.of(), MUNICIPALITIES, Locales.FINNISH));
        Set<String> inputIds = all("<(?:input|select|textarea)\\b[^>]*\\bid=\"([^\"]+)\"", html);
        Set<String> labelled = all("<label for=\"([^\"]+)\"", html);
        assertThat(inputIds).hasSizeGreaterThan(25);
        assertThat(labelled).containsAll(inputIds);

        assertThat(tag(html, "f-name")).contains("required=\"required\"", "aria-required=\"true\"", "aria-describedby=\"f-name-desc\"")
                .doesNotContain("aria-invalid");
        assertThat(html).contains("<p class=\"field-description\" id=\"f-name-desc\">Hankkeen nimi</p>");
        assertThat(html).contains("<label for=\"f-name\"><span>Hankkeen nimi</span> <span class=\"required\">(pakollinen)</span></label>");
        assertThat(tag(html, "f-code")).doesNotContain("required").doesNotContain("aria-describedby");
        assertThat(tag(html, "f-amount")).contains("inputmode=\"decimal\"", "aria-describedby=\"f-amount-hint\"");
        assertThat(tag(html, "f-attachments")).contains("type=\"file\"", "accept=\".pdf,.docx\"", "multiple=\"multiple\"");
        assertThat(tag(html, "f-orgName")).contains("disabled=\"disabled\"");
        assertThat(tag(html, "f-reference")).contains("readonly=\"readonly\"");
        // radio and checklist: a fieldset with a legend
        assertThat(html).containsPattern("<fieldset class=\"field choices\" id=\"f-kind\" role=\"radiogroup\" aria-required=\"true\"> <legend>");
        assertThat(html).containsPattern("<fieldset class=\"field choices\" id=\"f-targets\"> <legend><span>Kohderyhmät</span></legend>");
        assertThat(html).contains("<input type=\"radio\" id=\"f-kind-0\" name=\"kind\" value=\"grant\" required=\"required\">");
        // dynamic list: rows as fieldsets, add and remove as submit buttons
        assertThat(html).containsPattern("<fieldset class=\"form-list-row\"> <legend>Rivi 1</legend>");
        assertThat(html).contains("name=\"_add\" value=\"budgetRows\" formnovalidate>Lisää rivi</button>");
        assertThat(html).contains("name=\"_remove\" value=\"budgetRows[0]\" formnovalidate>Poista rivi 1</button>");
        assertThat(html.indexOf("aria-hidden=\"true\"></button>")).isLessThan(html.indexOf("name=\"_add\""));
        // in a list row: required in text and aria, but no native required (the extra empty row must not block the post)
        assertThat(tag(html, "f-budgetRows-0-item")).contains("aria-required=\"true\"").doesNotContain("required=\"required\"");
        // no error summary without errors
        assertThat(html).doesNotContain("role=\"alert\"");
    }

    @Test
    void errorsAreSummarisedAndTiedToTheirFields() {
        String html = afterPost(valid().set("name", "").set("kind", "").set("targets", "bogus"));
        assertThat(html).containsPattern("<div id=\"error-summary\" class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\" autofocus> "
                + "<h2 id=\"error-summary-title\">Tarkista seuraavat kohdat</h2>");
        assertThat(html).contains("<a href=\"#f-name\">Hankkeen nimi: Tämä tieto on pakollinen.</a>");
        assertThat(html).contains("<a href=\"#f-kind-0\">Laji: Tämä tieto on pakollinen.</a>");
        assertThat(html).contains("<a href=\"#f-targets-0\">Kohderyhmät: Valitse jokin annetuista vaihtoehdoista.</a>");
        assertThat(tag(html, "f-name")).contains("aria-invalid=\"true\"", "aria-describedby=\"f-name-desc f-name-error\"");
        assertThat(html).contains("<p class=\"field-error\" id=\"f-name-error\"><span class=\"visually-hidden\">Virhe:</span> Tämä tieto on pakollinen.</p>");
        assertThat(tag(html, "f-kind")).contains("aria-invalid=\"true\"", "aria-describedby=\"f-kind-error\"");
        assertThat(html).contains("id=\"f-targets-1\" name=\"targets\" value=\"youth\" aria-invalid=\"true\"");
        // the summary comes before the first field
        assertThat(html.indexOf("error-summary")).isLessThan(html.indexOf("f-name"));
    }

    @Test
    void userInputIsAlwaysEscaped() {
        String html = afterPost(valid().set("name", "\"><script>alert(1)</script>").set("description", "</textarea><script>alert(2)</script>")
                .set("amount", "<b>5</b>").set("budgetRows[0].item", "<img src=x onerror=alert(3)>"));
        assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>5");
        assertThat(tag(html, "f-name")).contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
        assertThat(html).contains("&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>");
        assertThat(tag(html, "f-amount")).contains("value=\"&lt;b&gt;5&lt;/b&gt;\"");
        // a message that repeats what was typed is escaped too
        String echoed = html(renderer.render(allTypes(), Map.of(), valid().set("amount", "<b>1,234</b>").submission(),
                InvalidInput.of("amount", "form.money.ambiguous", "<b>1,234</b>"), MUNICIPALITIES, Locales.FINNISH));
        assertThat(echoed).contains("Summa &lt;b&gt;1,234&lt;/b&gt; on epäselvä").doesNotContain("<b>");
        // the form's own text: escaped, then bold, headings, links (https only)
        assertThat(html).contains("<div class=\"form-text\"><h2>Testihakemus</h2><p>Tämä on <strong>testi</strong>. &lt;script&gt;alert(1)&lt;/script&gt;</p>");
        assertThat(html).contains("<a href=\"https://example.fi/ohje?a=1&amp;b=2\">ohje</a>").contains("[tämä](javascript:alert(1))");
    }
}
