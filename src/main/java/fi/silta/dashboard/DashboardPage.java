package fi.silta.dashboard;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A dashboard a procedure (or Silta itself: the overview) contributes, at {@code /staff/dashboards/{key}}.
 * Like a procedure's other sections, the shared pages know nothing of what is in it. Every figure
 * comes from the database as it is now; the page's parameters (say {@code round}) come from the
 * request's query string.
 */
public interface DashboardPage {

    /** The address part ({@code [a-z-]+}) and the key of its name in the bundles: {@code dashboard.<key>.name}. */
    String key();

    /** Position on the dashboards' index and the staff home. */
    int order();

    /** The page for these parameters, or empty when a parameter names nothing (the page answers 404). */
    Optional<Dashboard> dashboard(Map<String, String> parameters, Locale locale);
}
