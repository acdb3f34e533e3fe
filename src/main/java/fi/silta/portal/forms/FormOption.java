package fi.silta.portal.forms;

/** One choice of a select, radio or checklist: the value submitted and the text shown. */
public record FormOption(String value, String label) {
}
