package fi.silta.dashboard;

import java.util.List;

/**
 * One figure of a dashboard: a table (always shown, the accessible and printable form of the figure,
 * also downloadable as CSV) and, where a manager would rather look than read, a chart drawn from the
 * same rows. Cells hold raw values ({@link String}, {@link Number}, {@link java.math.BigDecimal} euros);
 * the column's {@link Kind} says how a page and a CSV write them.
 *
 * @param id     unique on its page, used in the address of its CSV ({@code [a-z0-9-]+})
 * @param title  the heading, in the reader's language
 * @param note   what the figure counts and how (may be null)
 * @param chart  how to draw it (null: table only)
 */
public record Figure(String id, String title, String note, List<Column> columns, List<List<Object>> rows, Chart chart) {

    public Figure {
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("figure id " + id);
        }
        columns = List.copyOf(columns);
        rows = rows.stream().map(row -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(row))).toList();
    }

    /** How a column's values are written. */
    public enum Kind {
        TEXT, COUNT, EUROS, DECIMAL, PERCENT
    }

    public record Column(String header, Kind kind) {
    }

    /** How to draw the figure: which column labels the bars (or points) and which columns are drawn as series. */
    public record Chart(Type type, int labelColumn, List<Integer> seriesColumns, int limit) {

        public Chart {
            seriesColumns = List.copyOf(seriesColumns);
        }

        public Chart(Type type, int labelColumn, List<Integer> seriesColumns) {
            this(type, labelColumn, seriesColumns, 0);
        }

        /** The chart draws the first {@code rows} rows only (the table has them all; say so in the figure's note). */
        public Chart first(int rows) {
            return new Chart(type, labelColumn, seriesColumns, rows);
        }

        public static Chart bars(int labelColumn, Integer... seriesColumns) {
            return new Chart(Type.BAR, labelColumn, List.of(seriesColumns));
        }

        public static Chart line(int labelColumn, Integer... seriesColumns) {
            return new Chart(Type.LINE, labelColumn, List.of(seriesColumns));
        }
    }

    public enum Type {
        BAR, LINE
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
