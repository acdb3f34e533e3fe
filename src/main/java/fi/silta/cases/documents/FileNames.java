package fi.silta.cases.documents;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * File names of uploads: cleaned for storage and for {@code Content-Disposition}. Letters of every script (ä, ö,
 * å, …) stay; a path in front (old browsers send {@code C:\Users\...}), control and invisible formatting
 * characters (e.g. the right-to-left override that makes {@code exe.pdf} look like {@code fdp.exe}) and characters
 * Windows forbids go; the extension is the detected type's, in lower case; the whole name is at most
 * {@value #MAX_LENGTH} characters.
 */
public final class FileNames {

    /** Longest stored name in characters (code points), extension included; the column holds 255. */
    public static final int MAX_LENGTH = 120;
    static final String FALLBACK_BASE = "document";
    private static final String FORBIDDEN = "\"*:<>?|/\\";

    private FileNames() {
    }

    /** The name as the user gave it, without a path, control characters, surrounding blanks or trailing dots. */
    static String clean(String original) {
        if (original == null) {
            return "";
        }
        String name = Normalizer.normalize(original, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else if (FORBIDDEN.indexOf(cp) >= 0) {
                out.append('_');
            } else if (isVisible(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return stripEnd(out.toString().strip());
    }

    /** The extension of a (cleaned) name, lower case, or "" when it has none. */
    static String extension(String cleanName) {
        int dot = cleanName.lastIndexOf('.');
        return dot < 0 ? "" : cleanName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The name to store: the cleaned base name (or "document") and the type's extension, at most MAX_LENGTH. */
    public static String forStorage(String original, DocumentType type) {
        String clean = clean(original);
        int dot = clean.lastIndexOf('.');
        String base = strip(dot < 0 ? clean : clean.substring(0, dot));
        int maxBase = MAX_LENGTH - type.extension().length() - 1;
        if (base.codePointCount(0, base.length()) > maxBase) {
            base = strip(base.substring(0, base.offsetByCodePoints(0, maxBase)));
        }
        if (base.isEmpty()) {
            base = FALLBACK_BASE;
        }
        return base + "." + type.extension();
    }

    /**
     * {@code attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded} (RFC 6266, RFC 8187): browsers
     * use the UTF-8 name, the ASCII one (accents dropped, other characters as {@code _}) is for old clients.
     */
    public static String contentDisposition(String fileName) {
        return "attachment; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + rfc8187(fileName);
    }

    static String asciiFallback(String fileName) {
        String decomposed = Normalizer.normalize(fileName, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder();
        decomposed.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' && cp != '%'
                ? (char) cp
                : '_'));
        return out.toString();
    }

    static String rfc8187(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isVisible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Without trailing blanks and dots (Windows drops them: "raportti.pdf." is "raportti.pdf"). */
    private static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '.')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Without blanks and dots at either end (hidden files, "..", Windows' trailing dots). */
    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '.')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '.')) {
            end--;
        }
        return s.substring(start, end);
    }
}
