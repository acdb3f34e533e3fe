package fi.silta.portal.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * The static text of a {@code text} component as safe HTML. Everything is escaped first; then
 * only this much markdown is understood:
 * <ul>
 * <li>paragraphs (separated by an empty line) and line breaks (a single newline);</li>
 * <li>headings {@code #} to {@code ######} at the start of a line — shifted so that the highest
 * heading of the form is an {@code h2} (the page has the {@code h1});</li>
 * <li>lists: lines starting with {@code - } or {@code * };</li>
 * <li>{@code **bold**};</li>
 * <li>links {@code [text](https://…)}, {@code http:}, {@code https:} and {@code mailto:} only.</li>
 * </ul>
 * Anything else (HTML, images, templating such as {@code {{x}}}) is shown as the characters written.
 */
public final class SafeText {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern ITEM = Pattern.compile("^[-*]\\s+(.*)$");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(((?:https?://|mailto:)[^)\\s]+)\\)");

    private SafeText() {
    }

    /** The smallest heading level (number of #) used in a text, or 7 when none. */
    public static int highestHeading(String text) {
        int highest = 7;
        if (text != null) {
            for (String line : text.split("\\R")) {
                Matcher m = HEADING.matcher(line.strip());
                if (m.matches()) {
                    highest = Math.min(highest, m.group(1).length());
                }
            }
        }
        return highest;
    }

    /**
     * @param highestLevel the level (number of #) that becomes h2; others keep their distance to it
     */
    public static String toHtml(String text, int highestLevel) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (String rawLine : text.split("\\R", -1)) {
            String line = rawLine.strip();
            Matcher heading = HEADING.matcher(line);
            Matcher item = ITEM.matcher(line);
            if (line.isEmpty() || heading.matches() || item.matches()) {
                flushParagraph(html, paragraph);
                if (!item.matches()) {
                    flushList(html, items);
                }
            } else {
                flushList(html, items);
            }
            if (line.isEmpty()) {
                continue;
            }
            if (heading.matches()) {
                int level = Math.max(2, Math.min(6, heading.group(1).length() - highestLevel + 2));
                html.append("<h").append(level).append('>').append(inline(heading.group(2))).append("</h").append(level).append('>');
            } else if (item.matches()) {
                items.add(item.group(1));
            } else {
                paragraph.add(line);
            }
        }
        flushParagraph(html, paragraph);
        flushList(html, items);
        return html.toString();
    }

    private static void flushParagraph(StringBuilder html, List<String> lines) {
        if (!lines.isEmpty()) {
            html.append("<p>");
            for (int i = 0; i < lines.size(); i++) {
                html.append(i > 0 ? "<br>" : "").append(inline(lines.get(i)));
            }
            html.append("</p>");
            lines.clear();
        }
    }

    private static void flushList(StringBuilder html, List<String> items) {
        if (!items.isEmpty()) {
            html.append("<ul>");
            items.forEach(item -> html.append("<li>").append(inline(item)).append("</li>"));
            html.append("</ul>");
            items.clear();
        }
    }

    /** Escapes a line, then turns **bold** and [links](https://…) into HTML. */
    static String inline(String line) {
        String escaped = HtmlUtils.htmlEscape(line, "UTF-8");
        escaped = BOLD.matcher(escaped).replaceAll("<strong>$1</strong>");
        Matcher link = LINK.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (link.find()) {
            // the URL is already escaped (&amp;, &quot;, &lt;…), so it cannot leave the attribute
            link.appendReplacement(out, Matcher.quoteReplacement("<a href=\"" + link.group(2) + "\">" + link.group(1) + "</a>"));
        }
        link.appendTail(out);
        return out.toString();
    }
}
