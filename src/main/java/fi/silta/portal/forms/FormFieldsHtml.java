package fi.silta.portal.forms;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The markup of a form's fields ({@code portal/form-fields :: field}), one field at a time, with
 * the markup of a {@linkplain FieldView#isPristine() pristine} field kept for reuse: a form page
 * opened again (the same round, language and options) prints its untouched fields from memory
 * instead of evaluating the fragment's few hundred expressions once more. The form page was the
 * portal's biggest cost at the deadline rush (README, "Where the portal's time goes"). A field
 * with anything typed, chosen or refused in it is rendered every time and never kept.
 *
 * <p>The key is the field view itself (equal when every field of it is), so a changed label,
 * option or setting is a new entry, never stale markup. At most {@value #KEPT} fields are kept,
 * the least recently used dropped first.
 */
@Component("formFieldsHtml")
public class FormFieldsHtml {

    static final int KEPT = 2000;

    private final ITemplateEngine templates;
    private final Map<FieldView, String> kept = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FieldView, String> eldest) {
            return size() > KEPT;
        }
    };

    public FormFieldsHtml(ITemplateEngine templates) {
        this.templates = templates;
    }

    /** The fields of the form, in order, as the fragment prints them (every text and value escaped there). */
    public String fields(FormView form) {
        StringBuilder html = new StringBuilder(8192);
        for (FieldView field : form.fields()) {
            html.append(field(field));
        }
        return html.toString();
    }

    String field(FieldView field) {
        if (!field.isPristine()) {
            return render(field);
        }
        String html;
        synchronized (kept) {
            html = kept.get(field);
        }
        if (html == null) {
            html = render(field);
            synchronized (kept) {
                kept.put(field, html);
            }
        }
        return html;
    }

    int keptCount() {
        synchronized (kept) {
            return kept.size();
        }
    }

    private String render(FieldView field) {
        // the view's texts are resolved already: the fragment reads no message and no locale
        Context context = new Context(Locale.ROOT);
        context.setVariable("f", field);
        return templates.process("portal/form-field", context);
    }
}
