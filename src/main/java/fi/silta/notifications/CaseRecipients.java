package fi.silta.notifications;

import java.util.Optional;

/**
 * Who a mail about a case goes to, from the case itself (its contact and language), never from a
 * process variable: a variable can be overwritten by whoever completes a task through the REST
 * API, and a case's mails carry its status link. Implemented by {@code fi.silta.cases}.
 */
public interface CaseRecipients {

    /** The address and language of the case with this reference, or empty when no case has it. */
    Optional<Recipient> of(String caseReference);

    record Recipient(String email, String language) {
    }
}
