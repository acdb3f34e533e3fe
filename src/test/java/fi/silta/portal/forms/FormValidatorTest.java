package fi.silta.portal.forms;

import static fi.silta.portal.forms.TestForms.MUNICIPALITIES;
import static fi.silta.portal.forms.TestForms.allTypes;
import static fi.silta.portal.forms.TestForms.post;
import static fi.silta.portal.forms.TestForms.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fi.silta.web.InvalidInput;

class FormValidatorTest {

    private final FormValidator validator = new FormValidator();

    private FormResult validate(TestForms.Post post) {
        return validator.validate(allTypes(), post.submission(), Map.of(), MUNICIPALITIES);
    }

    private List<InvalidInput.FieldError> errors(TestForms.Post post) {
        return catchThrowableOfType(InvalidInput.class, () -> validate(post)).errors();
    }

    @Test
    void aValidSubmissionBecomesTypedValues() {
        FormResult result = validate(valid()
                .set("email", "aino@example.fi")
                .set("balance", "-1 200,5")
                .set("startDate", "1.6.2026")
                .set("meetingAt", "15.6.2026 klo 9.30")
                .set("participants", "25")
                .set("share", "0,25")
                .set("description", "Kesäleiri\r\nlapsille")
                .set("targets", "youth", "children", "youth")
                .set("eventDate", "2026-06-15")
                .set("eventTime", "18:00")
                .set("eventAt", "2026-06-15T18:00")
                .set("contact.phone", "+358 40 123 4567")
                .set("street", "Kirkkotie 1")
                .set("code", "AB-12"));
        Map<String, Object> v = result.values();
        assertThat(v.get("name")).isEqualTo("Kylätalon kesä");
        assertThat(v.get("businessId")).isEqualTo("2145876-6");
        assertThat(v.get("email")).isEqualTo("aino@example.fi");
        assertThat(v.get("amount")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(v.get("balance")).isEqualTo(new BigDecimal("-1200.50"));
        assertThat(v.get("startDate")).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(v.get("meetingAt")).isEqualTo(OffsetDateTime.parse("2026-06-15T09:30+03:00"));
        assertThat(v.get("participants")).isEqualTo(25L);
        assertThat(v.get("share")).isEqualTo(new BigDecimal("0.25"));
        assertThat(v.get("description")).isEqualTo("Kesäleiri\nlapsille");
        assertThat(v.get("municipality")).isEqualTo("564");
        assertThat(v.get("kind")).isEqualTo("grant");
        assertThat(v.get("consent")).isEqualTo(true);
        assertThat(v.get("targets")).isEqualTo(List.of("children", "youth"));
        assertThat(v.get("eventDate")).isEqualTo(LocalDate.of(2026, 6, 15));
        assertThat(v.get("eventTime")).isEqualTo(LocalTime.of(18, 0));
        assertThat(v.get("eventAt")).isEqualTo(OffsetDateTime.parse("2026-06-15T18:00+03:00"));
        assertThat(v.get("contact")).isEqualTo(Map.of("person", "Aino Virtanen", "phone", "+358 40 123 4567"));
        assertThat(v.get("street")).isEqualTo("Kirkkotie 1");
        assertThat(v.get("code")).isEqualTo("AB-12");
        Map<String, Object> row = new java.util.HashMap<>();
        row.put("item", "Vuokra");
        row.put("cost", new BigDecimal("500.00"));
        row.put("costNote", null);
        assertThat(v.get("budgetRows")).isEqualTo(List.of(row));
        // hidden, disabled, readonly and files are not values; an empty checkbox is false, an empty optional field null
        assertThat(v).doesNotContainKeys("otherKind", "orgName", "reference", "answer", "attachments", "plan");
        assertThat(result.files()).containsOnlyKeys("attachments");
        assertThat(result.files().get("attachments")).singleElement().extracting(f -> f.getOriginalFilename()).isEqualTo("suunnitelma.pdf");
    }

    @Test
    void optionalFieldsLeftEmptyAreNull() {
        Map<String, Object> v = validate(valid()).values();
        assertThat(v).containsEntry("email", null).containsEntry("balance", null).containsEntry("targets", List.of())
                .containsEntry("participants", null).containsEntry("eventAt", null);
        assertThat(v.keySet()).startsWith("name", "code", "businessId");
    }

    @Test
    void everyErrorAtOnceNamedByInput() {
        List<InvalidInput.FieldError> errors = errors(post("budgetRows[0].item", "Vuokra"));
        assertThat(errors).extracting(InvalidInput.FieldError::field).containsExactly(
                "name", "businessId", "amount", "municipality", "kind", "consent", "contact.person",
                "budgetRows[0].cost", "attachments");
        assertThat(errors).extracting(InvalidInput.FieldError::messageKey).containsOnly("form.required");
    }

    @Test
    void aRequiredFieldCountsOnlyWhenItIsShown() {
        // otherKind is hidden unless kind = "other"
        assertThat(validate(valid().set("kind", "grant").set("otherKind", "ignored")).values()).doesNotContainKey("otherKind");
        assertThat(errors(valid().set("kind", "other"))).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("otherKind"))
                .satisfies(e -> assertThat(e.messageKey()).isEqualTo("form.required"));
        assertThat(validate(valid().set("kind", "other").set("otherKind", "Kerho")).values()).containsEntry("otherKind", "Kerho");
    }

    @Test
    void disabledReadonlyAndUnknownParametersAreNotTaken() {
        Map<String, Object> v = validate(valid().set("orgName", "Hijacked").set("reference", "AV-0").set("answer", "x")
                .set("isAdmin", "true").set("budgetRows[0].evil", "x")).values();
        assertThat(v).doesNotContainKeys("orgName", "reference", "answer", "isAdmin");
        assertThat((List<?>) v.get("budgetRows")).singleElement().satisfies(row -> assertThat(((Map<?, ?>) row).containsKey("evil")).isFalse());
    }

    @Test
    void conditionsReadTheCallersVariables() {
        // "answer" is disabled and hidden when the variable is null: never a value either way
        FormResult result = validator.validate(allTypes(), valid().submission(), Map.of("answer", "Vastaus", "lapsed", true), MUNICIPALITIES);
        assertThat(result.values()).doesNotContainKey("answer");
    }

    @ParameterizedTest(name = "{0} = [{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            name          | A                    | form.minLength          | 2
            code          | ab-12                | form.pattern            |
            businessId    | 2145876-5            | form.businessId         |
            businessId    | 21458766             | form.businessId         |
            email         | aino@example         | form.email              |
            email         | aino @example.fi     | form.email              |
            amount        | abc                  | form.money              |
            amount        | -5                   | form.money.negative     |
            amount        | 50                   | form.money.min          | 100
            amount        | 100 000,01           | form.money.max          | 100000
            amount        | 1,234                | form.money.ambiguous    | 1,234
            amount        | 1.234,50             | form.money              |
            amount        | 12,345               | form.money.ambiguous    | 12,345
            amount        | 1234,567             | form.money.decimals     |
            participants  | 1,5                  | form.number.integer     |
            participants  | 0                    | form.min                | 1
            participants  | 1001                 | form.max                | 1000
            participants  | paljon               | form.number             |
            share         | 1.2.3                | form.number             |
            municipality  | 091                  | form.municipality       |
            kind          | bogus                | form.option             |
            targets       | bogus                | form.option             |
            startDate     | 31.2.2026            | form.date               |
            meetingAt     | 29.3.2026 3.30       | form.datetime.nonexistent | 29.3.2026 3.30
            eventAt       | 2026-10-25T03:30     | form.datetime.ambiguous | 2026-10-25T03:30
            eventAt       | 2026-10-25           | form.datetime           |
            eventTime     | 25.00                | form.time               |
            eventDate     | 2026-02-30           | form.date               |
            contact.phone | soita                | form.phone              |
            consent       | false                | form.required           |
            """)
    void fieldRules(String field, String value, String messageKey, String arg) {
        InvalidInput.FieldError error = errors(valid().set(field, value)).get(0);
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.messageKey()).isEqualTo(messageKey);
        if (arg != null) {
            assertThat(String.valueOf(error.args()[0])).isEqualTo(arg);
        }
    }

    @Test
    void maxLengthCountsCharactersNotBytesAndCrlfAsOne() {
        assertThat(validate(valid().set("description", "ä".repeat(50) + "\r\n" + "ö".repeat(49))).values().get("description"))
                .asString().hasSize(100);
        assertThat(errors(valid().set("description", "x".repeat(101)))).singleElement()
                .satisfies(e -> assertThat(e.messageKey()).isEqualTo("form.maxLength"))
                .satisfies(e -> assertThat(e.args()).containsExactly(100));
    }

    @Test
    void textIsKeptAsTyped() {
        String typed = "<script>alert('x')</script> & \"quotes\"";
        assertThat(validate(valid().set("name", typed)).values().get("name")).isEqualTo(typed);
    }

    @Test
    void filesAreCountedOnly() {
        TestForms.Post tooMany = valid().without("x");
        tooMany.files.remove("attachments");
        tooMany.file("attachments", "a.pdf").file("attachments", "b.pdf").file("attachments", "c.pdf").file("attachments", "d.pdf")
                .file("plan", "1.pdf").file("plan", "2.pdf");
        assertThat(errors(tooMany)).extracting(InvalidInput.FieldError::field, InvalidInput.FieldError::messageKey,
                e -> e.args()[0]).containsExactly(
                org.assertj.core.groups.Tuple.tuple("attachments", "form.files.tooMany", 3),
                org.assertj.core.groups.Tuple.tuple("plan", "form.files.tooMany", 1));
        TestForms.Post emptyPart = valid();
        emptyPart.files.remove("attachments");
        emptyPart.noFile("attachments");
        assertThat(errors(emptyPart)).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("attachments"));
    }

    @Test
    void dynamicListRowsKeepTheirOrderSkipBlankRowsAndNameErrorsByRow() {
        TestForms.Post post = valid()
                .set("budgetRows[0].item", "Vuokra").set("budgetRows[0].cost", "500").set("budgetRows[0].costNote", "sopimus")
                .set("budgetRows[1].item", "").set("budgetRows[1].cost", "")
                .set("budgetRows[2].item", "Tarjoilu").set("budgetRows[2].cost", "")
                .set("budgetRows[10].item", "Matkat").set("budgetRows[10].cost", "x,1234")
                .set("budgetRows[99999].item", "ignored: index too large");
        List<InvalidInput.FieldError> errors = errors(post);
        assertThat(errors).extracting(InvalidInput.FieldError::field, InvalidInput.FieldError::messageKey).containsExactly(
                org.assertj.core.groups.Tuple.tuple("budgetRows[2].cost", "form.required"),
                org.assertj.core.groups.Tuple.tuple("budgetRows[10].cost", "form.money"));

        Map<String, Object> v = validate(post.set("budgetRows[2].cost", "20").set("budgetRows[10].cost", "150,5")
                .set("budgetRows[2].costNote", "hidden? no: cost is given")).values();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) v.get("budgetRows");
        assertThat(rows).extracting(r -> r.get("item")).containsExactly("Vuokra", "Tarjoilu", "Matkat");
        assertThat(rows).extracting(r -> r.get("cost")).containsExactly(new BigDecimal("500.00"), new BigDecimal("20.00"), new BigDecimal("150.50"));
        assertThat(rows.get(0)).containsEntry("costNote", "sopimus");
        assertThat(rows.get(2)).containsEntry("costNote", null);
    }

    @Test
    void aFieldHiddenInARowIsNotTaken() {
        // costNote is hidden while the row's cost is empty; the row-level condition reads the row
        List<InvalidInput.FieldError> errors = errors(valid().set("budgetRows[0].cost", "").set("budgetRows[0].costNote", "x"));
        assertThat(errors).extracting(InvalidInput.FieldError::field).containsExactly("budgetRows[0].cost");
    }

    @Test
    void optionsFromDataMustBeSupplied() {
        assertThatThrownBy(() -> validator.validate(allTypes(), valid().submission()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("municipalities");
    }

    @Test
    void theVerifyContactFormOfTheProject() {
        FormDefinition form = new FormRegistry().get("verify-contact");
        Map<String, Object> variables = Map.of("organisationName", "Kylä ry", "moreInfoAnswer", "olen puheenjohtaja");
        FormResult approve = validator.validate(form, post("verificationDecision", "approve", "verificationNote", "ok", "organisationName", "X").submission(),
                variables, FormOptions.NONE);
        assertThat(approve.values()).isEqualTo(Map.of("verificationDecision", "approve"));
        FormResult reject = validator.validate(form, post("verificationDecision", "reject", "verificationNote", "Ei oikeutta").submission(),
                variables, FormOptions.NONE);
        assertThat(reject.values()).containsEntry("verificationNote", "Ei oikeutta");
        assertThat(catchThrowableOfType(InvalidInput.class, () -> validator.validate(form, post().submission(), variables, FormOptions.NONE))
                .errors()).extracting(InvalidInput.FieldError::field).containsExactly("verificationDecision");
    }
}
