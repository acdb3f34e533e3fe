package fi.silta.web;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What a failed request had already stored, so that its error page tells the truth. A submission
 * commits in the controller; the session (with the receipt's flash attributes) is saved after,
 * as the redirect goes out. When the database goes away between the two, the person must not read
 * "nothing was stored" about an application that was: they read that it was stored, under which
 * case number. When the commit itself broke off (the database gone while it answered), no one can
 * know: they read that sending the same form again is safe (its submission key finds the first).
 * <p>
 * Kept as request attributes: {@link #STORED} (the case's reference, after the commit) and
 * {@link #COMMITTING} (set as the commit starts).
 */
@Component
public class SubmissionCommits {

    public static final String STORED = SubmissionCommits.class.getName() + ".stored";
    public static final String COMMITTING = SubmissionCommits.class.getName() + ".committing";

    /** What the person can be told about their submission when the request fails. */
    public enum State {
        /** Nothing was sent (a page load). */
        NONE,
        /** Sent, and rolled back before its commit: nothing stored. */
        NOT_STORED,
        /** The commit broke off: perhaps stored; sending again is safe. */
        IN_DOUBT,
        /** Committed: the case's reference is {@link #STORED}. */
        STORED
    }

    private final TransactionTemplate transactions;

    public SubmissionCommits(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Runs {@code work} in one transaction (the work's own {@code @Transactional} joins it) and
     * marks the request when it commits, under the reference {@code reference} gives.
     */
    public <T> T store(Supplier<T> work, Function<T, String> reference) {
        return transactions.execute(status -> {
            T result = work.get();
            watch(reference.apply(result));
            return result;
        });
    }

    /** Marks the request when the current transaction commits (called inside a transaction). */
    public static void watch(String reference) {
        HttpServletRequest request = current();
        if (request == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                request.setAttribute(COMMITTING, reference);
            }

            /** Also when another synchronisation's afterCommit failed (those after it are skipped). */
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    request.setAttribute(STORED, reference);
                }
            }
        });
    }

    /** The submission was stored before this request (its submission key found it). */
    public static void storedEarlier(String reference) {
        HttpServletRequest request = current();
        if (request != null) {
            request.setAttribute(STORED, reference);
        }
    }

    public static State state(HttpServletRequest request) {
        if (request.getAttribute(STORED) != null) {
            return State.STORED;
        }
        if (request.getAttribute(COMMITTING) != null) {
            return State.IN_DOUBT;
        }
        boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        return reading || signingIn(request) ? State.NONE : State.NOT_STORED;
    }

    /**
     * Signing in or out sends nothing to store: a failure there says only that the page could not
     * be shown (a used sign-in link may be spent; its page then asks for a new one).
     */
    private static boolean signingIn(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/login") || path.startsWith("/logout") || path.startsWith("/portal/login")
                || path.startsWith("/portal/logout");
    }

    private static HttpServletRequest current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }
}
