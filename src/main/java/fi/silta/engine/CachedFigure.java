package fi.silta.engine;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A figure a metric shows that costs a query (a count of rows): read at most once per
 * {@code cacheFor}, however many gauges show it and however often they are scraped. The first
 * read, and a read after {@code cacheFor}, runs the query; a query that fails keeps the last
 * value (a scrape while the database is away still answers, and the {@code db} health says why).
 */
public final class CachedFigure<T> {

    private final Supplier<T> query;
    private final long cacheForNanos;
    private T value;
    private long readAt;
    private boolean read;

    public CachedFigure(Duration cacheFor, T initial, Supplier<T> query) {
        this.query = query;
        this.cacheForNanos = cacheFor.toNanos();
        this.value = initial;
    }

    public synchronized T get() {
        long now = System.nanoTime();
        if (!read || now - readAt >= cacheForNanos) {
            try {
                value = query.get();
            } catch (RuntimeException e) {
                // keep the last value; the next read tries again
                read = true;
                readAt = now;
                return value;
            }
            read = true;
            readAt = now;
        }
        return value;
    }
}
