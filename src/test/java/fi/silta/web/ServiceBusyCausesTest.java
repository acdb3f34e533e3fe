package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are the database's absence ("busy, not stored, try again") and which are not. */
class ServiceBusyCausesTest {

    @Test
    void aRollbackThatFailsBecauseTheDatabaseWentAwayIsBusy() {
        // as Spring Session saving the session while a page is written, during a PostgreSQL restart:
        // the statement fails (57P01), its connection is closed, and the rollback fails in turn
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("update spring_session",
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertThat(ServiceBusy.isBusy(new IllegalStateException("template rendering", rollback))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new IllegalArgumentException("a bug"));
        assertThat(ServiceBusy.isBusy(rollback)).isFalse();
        assertThat(ServiceBusy.isBusy(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ServiceBusy.isBusy(new SQLException("connection refused", "08001"))).isTrue();
    }
}
