package fi.silta.cases.documents;

/** A labelled value in a rendered document: the label is a bundle key, the value shown as given. */
public record DocumentRow(String labelKey, String value) {
}
