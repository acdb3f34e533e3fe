package fi.silta.dashboard;

import java.util.List;

/** Percentiles as PostgreSQL's {@code percentile_cont} computes them: linear between the two nearest ranks. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}th percentile (0–1) of values sorted ascending; null for none. */
    public static Double of(List<? extends Number> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        double rank = p * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        double low = sorted.get(below).doubleValue();
        double high = sorted.get(above).doubleValue();
        return low + (high - low) * (rank - below);
    }
}
