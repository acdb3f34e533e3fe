package fi.silta.cases;

import java.util.Optional;

import org.springframework.stereotype.Component;

import fi.silta.notifications.CaseRecipients;

/** A case's mails go to its contact, in its language: from {@code case_file}, never from a process variable. */
@Component
class CaseFileRecipients implements CaseRecipients {

    private final CaseRepository cases;

    CaseFileRecipients(CaseRepository cases) {
        this.cases = cases;
    }

    @Override
    public Optional<Recipient> of(String caseReference) {
        return cases.findByReference(caseReference).map(c -> new Recipient(c.contactEmail(), c.language()));
    }
}
