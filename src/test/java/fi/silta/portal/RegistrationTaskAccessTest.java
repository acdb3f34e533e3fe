package fi.silta.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.support.SiltaIntegrationTest;

/** The steps of a person's own verification case are that person's alone, not a verified colleague's. */
@SiltaIntegrationTest
class RegistrationTaskAccessTest {

    @Autowired PortalSubmissions submissions;

    @Test
    void onlyTheRegisteredPersonAnswersTheirRegistrationsRequests() {
        CaseFile registration = new CaseFile(1, "YH-2026-0001", CaseKind.CONTACT_REGISTRATION, 7L, 3L, "uusi@yhdistys.example", "fi",
                null, OffsetDateTime.now());
        assertThat(submissions.mayAnswerFor(registration, "Uusi@Yhdistys.example")).isNull();
        assertThat(submissions.mayAnswerFor(registration, "kollega@yhdistys.example")).isNotNull()
                .satisfies(refusal -> assertThat(refusal.errors().get(0).messageKey()).isEqualTo("portal.act.notYourRegistration"));
    }
}
