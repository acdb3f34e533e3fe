package fi.silta.portal.forms;

import java.util.List;

/**
 * A form ready for {@code templates/portal/form-fields.html}: every text resolved in the reader's
 * language, every id and ARIA reference computed. The template only prints it.
 *
 * @param errors error summary entries, in the order of the fields
 * @param multipart whether the form has file inputs (the page's form then needs
 *                  {@code enctype="multipart/form-data"})
 * @param rowButtons whether dynamic lists have add/remove buttons (the fragment then puts a plain
 *                  hidden submit button first, so that Enter in a field does not add or remove a row)
 */
public record FormView(String formId, List<FieldView> fields, List<ErrorLink> errors, String errorSummaryTitle,
        boolean multipart, boolean rowButtons) {

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    // getters for the template (SpEL reads bean properties)
    public String getFormId() {
        return formId;
    }

    public List<FieldView> getFields() {
        return fields;
    }

    public List<ErrorLink> getErrors() {
        return errors;
    }

    public String getErrorSummaryTitle() {
        return errorSummaryTitle;
    }

    public boolean isMultipart() {
        return multipart;
    }

    public boolean isHasRowButtons() {
        return rowButtons;
    }

    public boolean isHasErrors() {
        return hasErrors();
    }

    /** One entry of the error summary: a link to the field ({@code href} null when the field is not shown). */
    public record ErrorLink(String href, String text) {
        public String getHref() {
            return href;
        }

        public String getText() {
            return text;
        }
    }
}
