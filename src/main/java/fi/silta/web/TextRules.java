package fi.silta.web;

/**
 * What typed text may hold, checked where it enters (the portal's forms): no NUL or other
 * control characters (PostgreSQL refuses a NUL in a text column; others hide in pages and mails),
 * line breaks and tabs only where the field has several lines; and in single-line fields such as
 * names no bidirectional override, embedding or isolate characters (U+202A–U+202E,
 * U+2066–U+2069), with which a name could reverse how the text around it reads. Wherever
 * typed text is shown it is isolated as well ({@code <bdi>}, {@code dir="auto"}).
 */
public final class TextRules {

    /** The message key when a text holds a control character. */
    public static final String CONTROL = "text.control";
    /** The message key when a single-line text holds a bidirectional formatting character. */
    public static final String BIDI = "text.bidi";

    private TextRules() {
    }

    /**
     * Null when {@code text} may be stored; else the message key of what is wrong with it.
     *
     * @param multiline whether the field has several lines (line breaks and tabs allowed, bidirectional
     *                  marks left to the isolation where it is shown)
     */
    public static String problem(String text, boolean multiline) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.getType(ch) == Character.CONTROL && !(multiline && (ch == '\n' || ch == '\t'))) {
                return CONTROL;
            }
            if (!multiline && isBidiFormatting(ch)) {
                return BIDI;
            }
        }
        return null;
    }

    /** LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI. */
    public static boolean isBidiFormatting(char ch) {
        return (ch >= '\u202A' && ch <= '\u202E') || (ch >= '\u2066' && ch <= '\u2069');
    }
}
