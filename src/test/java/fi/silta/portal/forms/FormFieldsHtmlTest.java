package fi.silta.portal.forms;

import static fi.silta.portal.forms.TestForms.MUNICIPALITIES;
import static fi.silta.portal.forms.TestForms.allTypes;
import static fi.silta.portal.forms.TestForms.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;

import fi.silta.web.Locales;

/** The fields' markup kept for reuse: the same as rendered afresh, never with anything typed in it. */
class FormFieldsHtmlTest {

    private final FormRenderer renderer = new FormRenderer(TestForms.messages());
    private final FormFieldsHtml fields = new FormFieldsHtml(FormFieldsTemplateTest.ENGINE);

    /** Each field as the fragment prints it, without the cache. */
    private static String fresh(FormView form) {
        StringBuilder html = new StringBuilder();
        for (FieldView f : form.fields()) {
            Context context = new Context(Locales.FINNISH);
            context.setVariable("f", f);
            html.append(FormFieldsTemplateTest.ENGINE.process("portal/form-field", context));
        }
        return html.toString();
    }

    @Test
    void anEmptyFormIsPrintedFromMemoryTheSecondTimeAndTheSameAsAfresh() {
        FormView first = renderer.render(allTypes(), Map.of(), MUNICIPALITIES, Locales.FINNISH);
        String once = fields.fields(first);
        int kept = fields.keptCount();
        assertThat(kept).isPositive();

        FormView again = renderer.render(allTypes(), Map.of(), MUNICIPALITIES, Locales.FINNISH);
        assertThat(again.fields()).isEqualTo(first.fields()).isNotSameAs(first.fields());
        assertThat(fields.fields(again)).isEqualTo(once).isEqualTo(fresh(again));
        assertThat(fields.keptCount()).as("nothing new kept for the same form").isEqualTo(kept);
        assertThat(once).contains("id=\"f-name\"", "<label for=\"f-name\">");

        // another language is another view: its own markup, not the Finnish one
        FormView swedish = renderer.render(allTypes(), Map.of(), MUNICIPALITIES, Locales.SWEDISH);
        assertThat(fields.fields(swedish)).isEqualTo(fresh(swedish)).isNotEqualTo(once);
    }

    @Test
    void whatAPersonTypedIsPrintedButNeverKept() {
        FormView typed = renderer.render(allTypes(), Map.of(), valid().set("name", "Salainen <hanke>").submission(), null,
                MUNICIPALITIES, Locales.FINNISH);
        FieldView name = typed.fields().stream().filter(f -> "name".equals(f.getName())).findFirst().orElseThrow();
        assertThat(name.isPristine()).isFalse();

        String html = fields.fields(typed);
        assertThat(html).isEqualTo(fresh(typed)).contains("value=\"Salainen &lt;hanke&gt;\"");
        assertThat(fields.field(name)).isNotSameAs(fields.field(name));
        assertThat(fields.keptCount()).as("only untouched fields kept")
                .isEqualTo((int) typed.fields().stream().filter(FieldView::isPristine).distinct().count());
    }

    @Test
    void aListGrownToHundredsOfEmptyRowsIsPrintedButNotKept() {
        // an "add row" post is not validated: a signed-in person could grow a list to 500 empty rows,
        // each count a new key; such markup is never kept, and what is kept stays within its bound
        for (int rows : new int[] {1, 500}) {
            FieldView list = new FieldView("list");
            list.id = "budget";
            list.label = "Talousarvio";
            for (int i = 0; i < rows; i++) {
                FieldView cell = new FieldView("input");
                cell.id = "budget-" + i + "-item";
                cell.name = "budget[" + i + "].item";
                cell.label = "Kustannus";
                list.rows.add(new FieldView.RowView("Rivi " + (i + 1), List.of(cell), "budget[" + i + "]", "Poista rivi " + (i + 1)));
            }
            assertThat(list.isPristine()).isTrue();
            int keptBefore = fields.keptCount();
            String html = fields.field(list);
            assertThat(html).contains("budget-" + (rows - 1) + "-item");
            if (rows == 1) {
                assertThat(fields.keptCount()).isEqualTo(keptBefore + 1);
            } else {
                assertThat(html.length()).isGreaterThan(FormFieldsHtml.LARGEST);
                assertThat(fields.keptCount()).as("500 empty rows not kept").isEqualTo(keptBefore);
            }
        }
        assertThat(fields.keptChars()).isLessThanOrEqualTo(FormFieldsHtml.KEPT_CHARS);
    }

    @Test
    void everyStateOfAFieldViewTakesPartInItsEquality() throws Exception {
        // a field added to FieldView later must change the key, or a page would show another's markup
        for (Field f : FieldView.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            FieldView a = new FieldView("input");
            FieldView b = new FieldView("input");
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            f.setAccessible(true);
            Class<?> type = f.getType();
            if (type == String.class) {
                f.set(b, "other");
            } else if (type == boolean.class) {
                f.set(b, true);
            } else if (type == List.class) {
                ((List<Object>) f.get(b)).add(f.getName().equals("options")
                        ? new FieldView.OptionView("o", "v", "l", false)
                        : f.getName().equals("rows") ? new FieldView.RowView("r", List.of(), null, null) : new FieldView("text"));
            } else {
                throw new AssertionError("FieldView." + f.getName() + " of a type this test does not vary: " + type);
            }
            assertThat(a).as(f.getName()).isNotEqualTo(b);
        }
    }
}
