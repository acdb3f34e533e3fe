package fi.silta.dashboard;

import java.util.Collection;
import java.util.List;

/**
 * A dashboard page as its {@link DashboardPage} gives it for one request: the title, an
 * introduction, links (to the staff pages behind the figures), perhaps a choice (a select that reloads
 * the page with one parameter, e.g. the round) and the figures.
 */
public record Dashboard(String title, String intro, List<Link> links, Choice choice, List<Figure> figures) {

    public Dashboard {
        links = List.copyOf(links);
        figures = List.copyOf(figures);
    }

    public Dashboard(String title, String intro, List<Link> links, List<Figure> figures) {
        this(title, intro, links, null, figures);
    }

    /**
     * A link; {@code authorities} (Spring Security authorities, say {@code GROUP_camunda-admin}) limit it to the
     * readers who hold one of them, so that a reader never sees a link that refuses them (empty: every reader).
     */
    public record Link(String text, String href, List<String> authorities) {

        public Link {
            authorities = List.copyOf(authorities);
        }

        public Link(String text, String href) {
            this(text, href, List.of());
        }

        public boolean shownTo(Collection<String> held) {
            return authorities.isEmpty() || authorities.stream().anyMatch(held::contains);
        }
    }

    /** The same page with only the links a reader holding {@code held} may follow. */
    public Dashboard forReader(Collection<String> held) {
        return new Dashboard(title, intro, links.stream().filter(l -> l.shownTo(held)).toList(), choice, figures);
    }

    /** A select of values for one query parameter; {@code selected} is the value shown now (may be null). */
    public record Choice(String parameter, String label, String button, List<Option> options, String selected) {

        public Choice {
            options = List.copyOf(options);
        }
    }

    public record Option(String value, String text) {
    }

    public Figure figure(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }
}
