package fi.silta.dashboard;

import java.util.List;

/**
 * A dashboard page as its {@link DashboardPage} gives it for one request: the title, an
 * introduction, links (to a round's own dashboard, to the staff pages behind the figures) and the figures.
 */
public record Dashboard(String title, String intro, List<Link> links, List<Figure> figures) {

    public Dashboard {
        links = List.copyOf(links);
        figures = List.copyOf(figures);
    }

    public record Link(String text, String href) {
    }

    public Figure figure(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }
}
