package fi.silta.portal.forms;

import java.util.LinkedHashMap;
import java.util.Locale;

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
 * option or setting is a new entry, never stale markup. Bounded twice: at most {@value #KEPT}
 * fields and {@value #KEPT_CHARS} characters of markup are kept, the least recently used dropped
 * first, and a field whose markup alone is over {@value #LARGEST} characters (a list someone
 * grew to hundreds of empty rows) is never kept, so no one can fill the memory with variants.
 * The key's hash is computed outside the lock; under it only the map is read or written.
 */
@Component("formFieldsHtml")
public class FormFieldsHtml {

    static final int KEPT = 2000;
    static final int KEPT_CHARS = 8_000_000;
    static final int LARGEST = 64_000;

    private final ITemplateEngine templates;
    /** Guarded by itself; in access order, eldest first. */
    private final LinkedHashMap<Key, String> kept = new LinkedHashMap<>(256, 0.75f, true);
    private long keptChars;

    /** A field view with its hash computed once, before the lock is taken. */
    private record Key(FieldView view, int hash) {
        Key(FieldView view) {
            this(view, view.hashCode());
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && hash == that.hash && view.equals(that.view);
        }
    }

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
        Key key = new Key(field);
        String html;
        synchronized (kept) {
            html = kept.get(key);
        }
        if (html == null) {
            html = render(field);
            if (html.length() <= LARGEST) {
                keep(key, html);
            }
        }
        return html;
    }

    private void keep(Key key, String html) {
        synchronized (kept) {
            String before = kept.put(key, html);
            keptChars += html.length() - (before == null ? 0 : before.length());
            var eldest = kept.entrySet().iterator();
            while ((kept.size() > KEPT || keptChars > KEPT_CHARS) && eldest.hasNext()) {
                keptChars -= eldest.next().getValue().length();
                eldest.remove();
            }
        }
    }

    int keptCount() {
        synchronized (kept) {
            return kept.size();
        }
    }

    long keptChars() {
        synchronized (kept) {
            return keptChars;
        }
    }

    private String render(FieldView field) {
        // the view's texts are resolved already: the fragment reads no message and no locale
        Context context = new Context(Locale.ROOT);
        context.setVariable("f", field);
        return templates.process("portal/form-field", context);
    }
}
