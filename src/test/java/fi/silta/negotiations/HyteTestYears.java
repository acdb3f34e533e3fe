package fi.silta.negotiations;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one source of cycle years for the hyte tests: a year no cycle of any county has yet (tests of several
 * contexts share one database, and a county has one cycle per year), never the same one twice in a run.
 */
final class HyteTestYears {

    private static int last = 2041;

    private HyteTestYears() {
    }

    static synchronized int next(JdbcClient jdbc) {
        int max = jdbc.sql("select coalesce(max(cycle_year), 2041) from hyte_cycle").query(Integer.class).single();
        last = Math.max(last, max) + 1;
        return last;
    }
}
