package fi.silta.portal.forms;

import static fi.silta.portal.forms.TestForms.MUNICIPALITIES;
import static fi.silta.portal.forms.TestForms.allTypes;
import static fi.silta.portal.forms.TestForms.post;
import static fi.silta.portal.forms.TestForms.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

class FormRendererTest {

    private final FormRenderer renderer = new FormRenderer(TestForms.messages());
    private final FormValidator validator = new FormValidator();

    static List<FieldView> flatten(List<FieldView> views) {
        List<FieldView> all = new ArrayList<>();
        for (FieldView view : views) {
            all.add(view);
            all.addAll(flatten(view.getChildren()));
            view.getRows().forEach(row -> all.addAll(flatten(row.getFields())));
        }
        return all;
    }

    static Optional<FieldView> field(FormView form, String name) {
        return flatten(form.getFields()).stream().filter(f -> name.equals(f.getName())).findFirst();
    }

    private FormView first(Map<String, ?> variables) {
        return renderer.render(allTypes(), variables, MUNICIPALITIES, Locales.FINNISH);
    }

    private FormView afterPost(TestForms.Post post) {
        InvalidInput errors = catchThrowableOfType(InvalidInput.class,
                () -> validator.validate(allTypes(), post.submission(), Map.of(), MUNICIPALITIES));
        return renderer.render(allTypes(), Map.of(), post.submission(), errors, MUNICIPALITIES, Locales.FINNISH);
    }

    @Test
    void textsComeFromTheBundlesAndFallBackToTheForm() {
        FormView fi = first(Map.of());
        assertThat(field(fi, "name").orElseThrow().getLabel()).isEqualTo("Hankkeen nimi");
        assertThat(field(fi, "name").orElseThrow().getDescription()).isEqualTo("Hankkeen nimi");
        assertThat(field(fi, "code").orElseThrow().getLabel()).isEqualTo("Koodi");
        assertThat(field(fi, "kind").orElseThrow().getOptions()).extracting(FieldView.OptionView::label).containsExactly("Järjestöavustus", "Muu");
        assertThat(field(fi, "municipality").orElseThrow().getOptions()).extracting(FieldView.OptionView::label).containsExactly("Oulu", "Ii", "Kempele");
        assertThat(field(fi, "amount").orElseThrow().getHint()).isEqualTo("Euroina, esimerkiksi 1 234,50");
        assertThat(field(fi, "budgetRows[0].cost").orElseThrow().getLabel()).isEqualTo("Summa (€)");
        assertThat(field(fi, "name").orElseThrow().getRequiredText()).isEqualTo("(pakollinen)");

        FormView sv = renderer.render(allTypes(), Map.of(), MUNICIPALITIES, Locales.SWEDISH);
        assertThat(field(sv, "name").orElseThrow().getLabel()).isEqualTo("Projektets namn");
        assertThat(field(sv, "kind").orElseThrow().getOptions().get(0).label()).isEqualTo("Organisationsbidrag");
        assertThat(field(sv, "name").orElseThrow().getRequiredText()).isEqualTo("(obligatorisk)");
        FormView en = renderer.render(allTypes(), Map.of(), MUNICIPALITIES, Locales.ENGLISH);
        assertThat(field(en, "amount").orElseThrow().getHint()).isEqualTo("In euros, for example 1 234.50");
    }

    @Test
    void theProjectsPortalFormInSwedish() {
        FormDefinition form = new FormRegistry().get("contact-more-info");
        FormView sv = renderer.render(form, Map.of("verificationNote", "Vem är ordförande?"), FormOptions.NONE, Locales.SWEDISH);
        assertThat(sv.getFields().get(0).getHtml()).startsWith("<h2>Tilläggsuppgifter");
        assertThat(field(sv, "verificationNote").orElseThrow()).satisfies(f -> {
            assertThat(f.getLabel()).isEqualTo("Begärda tilläggsuppgifter");
            assertThat(f.getValue()).isEqualTo("Vem är ordförande?");
            assertThat(f.isDisabled()).isTrue();
            assertThat(f.isRequired()).isFalse();
        });
        assertThat(field(sv, "moreInfoAnswer").orElseThrow().isRequired()).isTrue();
    }

    @Test
    void eachTypeGetsItsMarkup() {
        FormView form = first(Map.of());
        assertThat(field(form, "name").orElseThrow().getKind()).isEqualTo("input");
        assertThat(field(form, "email").orElseThrow().getInputType()).isEqualTo("email");
        assertThat(field(form, "amount").orElseThrow().getInputMode()).isEqualTo("decimal");
        assertThat(field(form, "participants").orElseThrow().getInputMode()).isEqualTo("numeric");
        assertThat(field(form, "startDate").orElseThrow().getInputType()).isEqualTo("date");
        assertThat(field(form, "meetingAt").orElseThrow().getInputType()).isEqualTo("datetime-local");
        assertThat(field(form, "eventTime").orElseThrow().getInputType()).isEqualTo("time");
        assertThat(field(form, "description").orElseThrow().getKind()).isEqualTo("textarea");
        assertThat(field(form, "municipality").orElseThrow().getKind()).isEqualTo("select");
        assertThat(field(form, "kind").orElseThrow().getKind()).isEqualTo("radio");
        assertThat(field(form, "consent").orElseThrow().getKind()).isEqualTo("checkbox");
        assertThat(field(form, "targets").orElseThrow().getKind()).isEqualTo("checklist");
        assertThat(field(form, "contact.person").orElseThrow().getId()).isEqualTo("f-contact-person");
        assertThat(field(form, "street")).isPresent();
        assertThat(field(form, "attachments").orElseThrow()).satisfies(f -> {
            assertThat(f.getKind()).isEqualTo("file");
            assertThat(f.getAccept()).isEqualTo(".pdf,.docx");
            assertThat(f.isMultiple()).isTrue();
            assertThat(f.getHint()).isEqualTo("Sallitut tiedostotyypit: .pdf,.docx Enintään 3 tiedostoa.");
        });
        assertThat(form.multipart()).isTrue();
        assertThat(form.rowButtons()).isTrue();
        assertThat(flatten(form.getFields())).extracting(FieldView::getKind).contains("text", "separator", "group", "list");
        // the text component: escaped, headings from h2
        assertThat(form.getFields().get(0).getHtml()).startsWith("<h2>Testihakemus</h2><p>Tämä on <strong>testi</strong>. &lt;script&gt;");
        // hidden: otherKind (kind is not "other"), the lapsed note, the empty answer
        assertThat(field(form, "otherKind")).isEmpty();
        assertThat(field(form, "answer")).isEmpty();
        assertThat(flatten(form.getFields())).filteredOn(f -> "text".equals(f.getKind())).hasSize(1);
    }

    @Test
    void variablesAndDefaultsAreShownInTheirInputs() {
        FormView form = first(Map.ofEntries(Map.entry("orgName", "Kylä ry"), Map.entry("amount", new BigDecimal("1234.5")), Map.entry("share", 0.25),
                Map.entry("meetingAt", OffsetDateTime.parse("2026-06-15T06:30Z")), Map.entry("startDate", LocalDate.of(2026, 6, 1)),
                Map.entry("eventAt", "2026-12-07T16:00:00+02:00"), Map.entry("answer", "Vastaus"), Map.entry("lapsed", true),
                Map.entry("kind", "other"), Map.entry("targets", List.of("youth")), Map.entry("consent", true),
                Map.entry("contact", Map.of("person", "Aino"))));
        assertThat(field(form, "orgName").orElseThrow().getValue()).isEqualTo("Kylä ry");
        assertThat(field(form, "amount").orElseThrow().getValue()).isEqualTo("1234,50");
        assertThat(field(form, "share").orElseThrow().getValue()).isEqualTo("0,25");
        assertThat(field(form, "meetingAt").orElseThrow().getValue()).isEqualTo("2026-06-15T09:30");
        assertThat(field(form, "startDate").orElseThrow().getValue()).isEqualTo("2026-06-01");
        assertThat(field(form, "eventAt").orElseThrow().getValue()).isEqualTo("2026-12-07T16:00");
        assertThat(field(form, "answer").orElseThrow().isDisabled()).isTrue();
        assertThat(field(form, "otherKind")).isPresent();
        assertThat(field(form, "kind").orElseThrow().getOptions()).extracting(FieldView.OptionView::selected).containsExactly(false, true);
        assertThat(field(form, "targets").orElseThrow().getOptions()).extracting(FieldView.OptionView::selected).containsExactly(false, true, false);
        assertThat(field(form, "consent").orElseThrow().isChecked()).isTrue();
        assertThat(field(form, "contact.person").orElseThrow().getValue()).isEqualTo("Aino");
        assertThat(flatten(form.getFields())).filteredOn(f -> "text".equals(f.getKind())).hasSize(2);
        FormView en = renderer.render(allTypes(), Map.of("amount", new BigDecimal("1234.5")), MUNICIPALITIES, Locales.ENGLISH);
        assertThat(field(en, "amount").orElseThrow().getValue()).isEqualTo("1234.50");
    }

    @Test
    void errorsAreShownAtTheFieldAndSummarisedInFieldOrder() {
        FormView form = afterPost(valid().set("name", "").set("kind", "").set("amount", "1,234").set("budgetRows[0].cost", "")
                .set("contact.person", ""));
        assertThat(form.hasErrors()).isTrue();
        assertThat(form.getErrorSummaryTitle()).isEqualTo("Tarkista seuraavat kohdat");
        assertThat(form.getErrors()).extracting(FormView.ErrorLink::href).containsExactly(
                "#f-name", "#f-amount", "#f-kind-0", "#f-contact-person", "#f-budgetRows-0-cost");
        assertThat(form.getErrors()).extracting(FormView.ErrorLink::text).containsExactly(
                "Hankkeen nimi: Tämä tieto on pakollinen.",
                "Haettava summa: Summa 1,234 on epäselvä. Erota tuhannet välilyönnillä (1 234) ja sentit pilkulla (1,23).",
                "Laji: Tämä tieto on pakollinen.",
                "Nimi: Tämä tieto on pakollinen.",
                "Summa (€) (rivi 1): Tämä tieto on pakollinen.");
        FieldView name = field(form, "name").orElseThrow();
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorId()).isEqualTo("f-name-error");
        assertThat(name.getDescribedBy()).isEqualTo("f-name-desc f-name-error");
        assertThat(field(form, "amount").orElseThrow().getDescribedBy()).isEqualTo("f-amount-hint f-amount-error");
        assertThat(field(form, "amount").orElseThrow().getValue()).isEqualTo("1,234");
        assertThat(field(form, "businessId").orElseThrow().isInvalid()).isFalse();
    }

    @Test
    void moneyLimitsAreShownAsMoney() {
        FormView form = afterPost(valid().set("amount", "5"));
        assertThat(form.getErrors()).singleElement().extracting(FormView.ErrorLink::text)
                .isEqualTo("Haettava summa: Pienin sallittu summa on 100,00 €.");
        FormView sv = renderer.render(allTypes(), Map.of(), valid().set("amount", "500000").submission(),
                InvalidInput.of("amount", "form.money.max", new BigDecimal("100000")), MUNICIPALITIES, Locales.SWEDISH);
        assertThat(sv.getErrors().get(0).text()).isEqualTo("Haettava summa: Det största tillåtna beloppet är 100\u00a0000,00 €.");
    }

    @Test
    void aFieldRevealedByThePostIsShownWithItsError() {
        FormView form = afterPost(valid().set("kind", "other"));
        assertThat(field(form, "otherKind").orElseThrow().getError()).isEqualTo("Tämä tieto on pakollinen.");
    }

    @Test
    void errorsOfFieldsNotShownStillReachTheSummary() {
        FormView form = renderer.render(allTypes(), Map.of(), valid().submission(), InvalidInput.of("otherKind", "form.required"),
                MUNICIPALITIES, Locales.FINNISH);
        assertThat(form.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.href()).isNull();
            assertThat(e.text()).isEqualTo("Tämä tieto on pakollinen.");
        });
    }

    @Test
    void submittedValuesAreShownBackAsTyped() {
        String typed = "\"><script>alert(1)</script>";
        FormView form = afterPost(valid().set("name", typed).set("description", "</textarea><script>x</script>")
                .set("targets", "youth").set("consent", "true"));
        assertThat(field(form, "name").orElseThrow().getValue()).isEqualTo(typed);
        assertThat(field(form, "description").orElseThrow().getValue()).isEqualTo("</textarea><script>x</script>");
        assertThat(field(form, "targets").orElseThrow().getOptions()).extracting(FieldView.OptionView::selected).containsExactly(false, true, false);
        assertThat(field(form, "consent").orElseThrow().isChecked()).isTrue();
    }

    @Test
    void dynamicListRows() {
        // first display: defaultRepetitions (1) rows
        assertThat(rows(first(Map.of()))).containsExactly("budgetRows[0]");
        // from variables: their rows, and no empty row ("Add a row" adds one)
        FormView fromData = first(Map.of("budgetRows", List.of(Map.of("item", "Vuokra", "cost", new BigDecimal("500")),
                Map.of("item", "Matkat"))));
        assertThat(rows(fromData)).containsExactly("budgetRows[0]", "budgetRows[1]");
        assertThat(field(fromData, "budgetRows[0].cost").orElseThrow().getValue()).isEqualTo("500,00");
        assertThat(field(fromData, "budgetRows[1].item").orElseThrow().getValue()).isEqualTo("Matkat");
        // re-shown after a post (or a reopened draft): filled rows keep their index, blank rows go, none is added
        TestForms.Post post = valid().set("budgetRows[3].item", "Tarjoilu").set("budgetRows[3].cost", "20");
        assertThat(rows(afterPost(post.set("name", "")))).containsExactly("budgetRows[0]", "budgetRows[3]");
        // a post whose rows were all blank shows one row to type into
        assertThat(rows(afterPost(valid().set("budgetRows[0].item", "").set("budgetRows[0].cost", "").set("name", ""))))
                .hasSize(1);
        // _add keeps every row, blank ones too, and adds one
        FormView added = renderer.render(allTypes(), Map.of(), post.set("_add", "budgetRows").submission(), null, MUNICIPALITIES, Locales.FINNISH);
        assertThat(rows(added)).containsExactly("budgetRows[0]", "budgetRows[1]", "budgetRows[3]", "budgetRows[4]");
        assertThat(field(added, "budgetRows[3].item").orElseThrow().getValue()).isEqualTo("Tarjoilu");
        assertThat(added.hasErrors()).isFalse();
        // _remove drops that row only
        TestForms.Post remove = valid().set("budgetRows[3].item", "Tarjoilu").set("_remove", "budgetRows[0]");
        assertThat(remove.submission().isRowAction()).isTrue();
        FormView removed = renderer.render(allTypes(), Map.of(), remove.submission(), null, MUNICIPALITIES, Locales.FINNISH);
        assertThat(rows(removed)).containsExactly("budgetRows[1]", "budgetRows[3]");
        FieldView list = flatten(removed.getFields()).stream().filter(f -> "list".equals(f.getKind())).findFirst().orElseThrow();
        assertThat(list.getRows()).extracting(FieldView.RowView::legend).containsExactly("Rivi 1", "Rivi 2");
        assertThat(list.getRows()).extracting(FieldView.RowView::removeLabel).containsExactly("Poista rivi 1", "Poista rivi 2");
        assertThat(list.getAddValue()).isEqualTo("budgetRows");
        assertThat(list.getAddLabel()).isEqualTo("Lisää rivi");
        // the row-level condition: costNote appears in rows whose cost is given
        assertThat(field(added, "budgetRows[3].costNote")).isPresent();
        assertThat(field(added, "budgetRows[1].costNote")).isEmpty();
    }

    private static List<String> rows(FormView form) {
        FieldView list = flatten(form.getFields()).stream().filter(f -> "list".equals(f.getKind())).findFirst().orElseThrow();
        return list.getRows().stream().map(r -> r.getFields().get(0).getName().replace(".item", "")).toList();
    }

    @Test
    void idsAreSafe() {
        assertThat(FormRenderer.idOf("budgetRows[12].cost")).isEqualTo("f-budgetRows-12-cost");
        assertThat(FormRenderer.idOf("contact.person")).isEqualTo("f-contact-person");
    }
}
