package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/**
 * The busy page tells what became of what was sent. The failure seen in the fault checks: a
 * registration committed, then the session (with the receipt's flash attributes) could not be
 * saved as the redirect went out, because PostgreSQL had just stopped; the person read "nothing
 * was stored" about a case that was there. Here the same order of events through the real filter,
 * with a transaction manager whose commit can break off.
 */
class SubmissionCommitsTest {

    /** Commits and rolls back nothing, except that its commit can be made to fail like a dropped connection. */
    static final class Transactions extends AbstractPlatformTransactionManager {
        boolean commitBreaksOff;
        final List<String> done = new ArrayList<>();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            if (commitBreaksOff) {
                throw new TransactionSystemException("commit failed",
                        new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006"));
            }
            done.add("commit");
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            done.add("rollback");
        }
    }

    final Transactions transactions = new Transactions();
    final SubmissionCommits commits = new SubmissionCommits(transactions);
    final Filter busyFilter = ServiceBusyFilter.serviceBusyFilterRegistration(messages(), new FixedLocaleResolver(new Locale("fi")))
            .getFilter();

    @AfterEach
    void forgetRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void storedThenTheSessionCouldNotBeSavedNamesTheCaseAndSaysNotToSendAgain() throws Exception {
        MockHttpServletResponse response = post(() -> {
            commits.store(() -> "YH-2026-0042", reference -> reference);
            // the session saved as the receipt's redirect goes out, with the database gone
            throw new DataAccessResourceFailureException("update spring_session: connection refused");
        });
        assertThat(transactions.done).containsExactly("commit");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("Lähettämäsi tallennettiin asiaan YH-2026-0042",
                "data-stored-reference=\"YH-2026-0042\"", "Älä lähetä samaa uudelleen", "/portal/my")
                .doesNotContain("ei tallennettu");
    }

    @Test
    void storedAlsoWhenAnotherAfterCommitStepFailed() throws Exception {
        MockHttpServletResponse response = post(() -> commits.store(() -> {
            // registered before the watch, as the engine's own steps are: its failure skips the later afterCommits
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    throw new DataAccessResourceFailureException("after commit: connection refused");
                }
            });
            return "YH-2026-0045";
        }, reference -> reference));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("YH-2026-0045");
    }

    @Test
    void aCommitThatBrokeOffSaysWeDoNotKnowAndThatSendingAgainIsSafe() throws Exception {
        transactions.commitBreaksOff = true;
        MockHttpServletResponse response = post(() -> commits.store(() -> "YH-2026-0043", reference -> reference));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("emme tiedä, tallentuiko lähettämäsi", "lähetä se uudelleen")
                .doesNotContain("ei tallennettu", "YH-2026-0043");
    }

    @Test
    void aFailureBeforeTheCommitSaysNothingWasStored() throws Exception {
        MockHttpServletResponse response = post(() -> commits.<String>store(() -> {
            throw new DataAccessResourceFailureException("insert into case_file: connection refused");
        }, reference -> reference));
        assertThat(transactions.done).containsExactly("rollback");
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("Lähettämääsi ei tallennettu", "Yritä uudelleen hetken kuluttua");
    }

    @Test
    void aPageLoadSaysOnlyThatThePageCouldNotBeShown() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/portal/contact");
        MockHttpServletResponse response = run(request, () -> {
            throw new DataAccessResourceFailureException("select from spring_session: connection refused");
        });
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("Sivua ei voitu juuri nyt näyttää").doesNotContain("tallennettu");
    }

    @Test
    void signingInSendsNothingToStore() throws Exception {
        MockHttpServletResponse response = run(new MockHttpServletRequest("POST", "/portal/login/ott"), () -> {
            throw new DataAccessResourceFailureException("update spring_session: connection refused");
        });
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("Sivua ei voitu juuri nyt näyttää").doesNotContain("tallennettu");
    }

    @Test
    void anEarlierSubmissionFoundByItsKeyIsStored() throws Exception {
        MockHttpServletResponse response = post(() -> {
            SubmissionCommits.storedEarlier("YH-2026-0001");
            throw new DataAccessResourceFailureException("update spring_session: connection refused");
        });
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("YH-2026-0001");
    }

    @Test
    void otherFailuresAreNotTheBusyPages() {
        assertThatThrownBy(() -> post(() -> {
            commits.store(() -> "YH-2026-0044", reference -> reference);
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
    }

    private MockHttpServletResponse post(Runnable controller) throws Exception {
        return run(new MockHttpServletRequest("POST", "/portal/contact"), controller);
    }

    private MockHttpServletResponse run(MockHttpServletRequest request, Runnable controller) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        FilterChain chain = (req, res) -> controller.run();
        busyFilter.doFilter(request, response, chain);
        return response;
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
