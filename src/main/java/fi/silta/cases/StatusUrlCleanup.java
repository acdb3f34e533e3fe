package fi.silta.cases;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the {@code statusUrl} variables that earlier versions kept in every case's process
 * (they held the raw status token, readable by every role with history READ): from the runtime
 * (ACT_RU_VARIABLE), the history (ACT_HI_VARINST, ACT_HI_DETAIL) and their byte arrays
 * (ACT_GE_BYTEARRAY). Runs at every start once the engine's tables exist (so not a Flyway
 * script); idempotent: a second run finds nothing. The tokens themselves stopped working with
 * migration V61.
 */
@Component
public class StatusUrlCleanup {

    static final String VARIABLE = "statusUrl";
    private static final Logger log = LoggerFactory.getLogger(StatusUrlCleanup.class);
    private static final List<String> TABLES = List.of("ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL");

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public StatusUrlCleanup(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        int removed = removeAll();
        if (removed > 0) {
            log.info("Removed {} stored statusUrl variable rows (runtime, history and their byte arrays)", removed);
        }
    }

    /** Removes every stored {@code statusUrl} in one transaction; returns how many rows were removed. */
    public int removeAll() {
        Integer removed = transaction.execute(status -> remove());
        return removed == null ? 0 : removed;
    }

    private int remove() {
        List<String> byteArrays = new ArrayList<>();
        for (String table : TABLES) {
            byteArrays.addAll(jdbc.sql("select BYTEARRAY_ID_ from " + table + " where NAME_ = ? and BYTEARRAY_ID_ is not null")
                    .param(VARIABLE).query(String.class).list());
        }
        int removed = 0;
        for (String table : TABLES) {
            removed += jdbc.sql("delete from " + table + " where NAME_ = ?").param(VARIABLE).update();
        }
        for (String id : byteArrays) {
            removed += jdbc.sql("delete from ACT_GE_BYTEARRAY where ID_ = ?").param(id).update();
        }
        return removed;
    }
}
