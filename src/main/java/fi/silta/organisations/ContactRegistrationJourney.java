package fi.silta.organisations;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseJourney;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseProgress;

/** A contact's registration: received → checked by the county (more information asked, perhaps) → decided. */
@Component
class ContactRegistrationJourney implements CaseJourney {

    static final List<String> STEPS = List.of("received", "verification", "decided");

    @Override
    public Optional<Journey> of(CaseFile caseFile, CaseProgress.Progress progress) {
        if (caseFile.kind() != CaseKind.CONTACT_REGISTRATION) {
            return Optional.empty();
        }
        if (progress.ended()) {
            return Optional.of(Journey.at(STEPS, "decided", true));
        }
        return Optional.of(Journey.at(STEPS, progress.stepIds().isEmpty() ? "received" : "verification", false));
    }
}
