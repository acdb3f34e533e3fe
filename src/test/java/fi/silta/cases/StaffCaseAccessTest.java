package fi.silta.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.TestingAuthenticationToken;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.documents.DocumentService;
import fi.silta.grants.GrantApplicationRepository;
import fi.silta.grants.GrantReviewRepository;
import fi.silta.grants.GrantReviewService;
import fi.silta.grants.GrantSubmissions;
import fi.silta.organisations.ContactVerificationService;
import fi.silta.organisations.OrganisationType;
import fi.silta.security.Roles;
import fi.silta.support.GrantFixtures;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * Need-to-know on the staff side: every role × case kind × state against the one access rule
 * per case kind, and over HTTP the case page, its documents and the organisation page's list.
 */
@SiltaIntegrationTest
class StaffCaseAccessTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    static final String REVIEWER = "mikko.korhonen";
    /** the board of every draft of GrantFixtures */
    static final String BOARD = "Pekka Puheenjohtaja, Sari Sihteeri";

    /** The states of a case that change what a reviewer may see. */
    enum State {
        CONTACT_REGISTRATION_OPEN, GRANT_UNASSIGNED, GRANT_ASSIGNED, GRANT_DECLARED, GRANT_DISQUALIFIED, GRANT_SCORED,
        PLAN_COMMENT_GIVEN, HYTE_NEGOTIATION_OPEN
    }

    @LocalServerPort int port;
    @Autowired StaffCaseAccess access;
    @Autowired GrantFixtures fixtures;
    @Autowired GrantSubmissions submissions;
    @Autowired GrantApplicationRepository applications;
    @Autowired GrantReviewRepository reviews;
    @Autowired GrantReviewService reviewService;
    @Autowired ContactVerificationService verification;
    @Autowired DocumentService documents;
    @Autowired fi.silta.support.CommentingFixtures commenting;

    long roundId;

    @BeforeEach
    void round() {
        OffsetDateTime now = OffsetDateTime.now();
        roundId = fixtures.publishedRound(now.minusDays(1), now.plusDays(29), GrantFixtures.POOL);
    }

    @Test
    void everyRoleEveryCaseKindEveryState() {
        Map<State, CaseFile> cases = new LinkedHashMap<>();
        for (State state : State.values()) {
            cases.put(state, caseIn(state, REVIEWER));
        }
        assertThat(cases.values()).extracting(CaseFile::kind).containsAll(Arrays.asList(CaseKind.values()));

        Map<Roles, Map<State, CaseVisibility>> expected = new LinkedHashMap<>();
        for (Roles overseer : List.of(Roles.COORDINATOR, Roles.DECISION_MAKER, Roles.MANAGER, Roles.ADMINISTRATOR)) {
            expected.put(overseer, all(CaseVisibility.FULL));
        }
        // the NGO coordinators have no need to know a hyte negotiation
        expected.get(Roles.COORDINATOR).put(State.HYTE_NEGOTIATION_OPEN, CaseVisibility.NONE);
        expected.put(Roles.REVIEWER, Map.of(State.CONTACT_REGISTRATION_OPEN, CaseVisibility.NONE,
                State.GRANT_UNASSIGNED, CaseVisibility.NONE, State.GRANT_ASSIGNED, CaseVisibility.SUMMARY,
                State.GRANT_DECLARED, CaseVisibility.FULL, State.GRANT_DISQUALIFIED, CaseVisibility.NONE,
                State.GRANT_SCORED, CaseVisibility.FULL, State.PLAN_COMMENT_GIVEN, CaseVisibility.NONE,
                State.HYTE_NEGOTIATION_OPEN, CaseVisibility.NONE));
        // the hyte negotiations are theirs (hyte coordinators run them, liaisons take part), nothing else
        expected.put(Roles.LIAISON, all(CaseVisibility.NONE));
        expected.get(Roles.LIAISON).put(State.HYTE_NEGOTIATION_OPEN, CaseVisibility.FULL);
        expected.put(Roles.HYTE_COORDINATOR, all(CaseVisibility.NONE));
        expected.get(Roles.HYTE_COORDINATOR).put(State.HYTE_NEGOTIATION_OPEN, CaseVisibility.FULL);
        assertThat(expected.keySet()).containsExactlyInAnyOrder(Roles.values());

        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Roles role : Roles.values()) {
            for (State state : State.values()) {
                CaseVisibility seen = access.visibility(cases.get(state), staff(REVIEWER, role));
                checked++;
                if (seen != expected.get(role).get(state)) {
                    wrong.add(role + " × " + state + ": " + seen + ", expected " + expected.get(role).get(state));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isEqualTo(Roles.values().length * State.values().length);
        // the state is the reviewer's own: another reviewer is not assigned to any of these
        assertThat(access.visibility(cases.get(State.GRANT_DECLARED), staff("liisa.nieminen", Roles.REVIEWER)))
                .isEqualTo(CaseVisibility.NONE);
        assertThat(access.visibility(cases.get(State.GRANT_DECLARED), null)).isEqualTo(CaseVisibility.NONE);
    }

    @Test
    void disqualifiedAndUnassignedReviewersGet403OnTheCasePageAndItsDocuments() {
        CaseFile disqualified = caseIn(State.GRANT_DISQUALIFIED, "liisa.nieminen");
        CaseFile assigned = caseIn(State.GRANT_ASSIGNED, "jussi.makinen");
        String document = "/documents/" + documents.store(assigned.id(), "attachments", "toimintasuunnitelma.pdf",
                "application/pdf", PDF, "hakija@test.example").id();
        String disqualifiedDocument = "/documents/" + documents.store(disqualified.id(), "attachments", "talousarvio.pdf",
                "application/pdf", PDF, "hakija@test.example").id();

        StaffClient unassigned = signedIn(REVIEWER);
        assertThat(unassigned.get(page(assigned)).statusCode()).isEqualTo(403);
        assertThat(unassigned.get(page(assigned) + document).statusCode()).isEqualTo(403);

        StaffClient liisa = signedIn("liisa.nieminen");
        assertThat(liisa.get(page(disqualified)).statusCode()).isEqualTo(403);
        assertThat(liisa.get(page(disqualified) + disqualifiedDocument).statusCode()).isEqualTo(403);

        // before the disqualification question: the applicant's name and board, nothing else
        StaffClient jussi = signedIn("jussi.makinen");
        String summary = jussi.get(page(assigned)).body();
        assertThat(summary).contains("Avustusyhdistys", BOARD, "Näet asiasta vain yhteenvedon")
                .doesNotContain("toimintasuunnitelma.pdf", "hakija-", "Asiointikieli");
        assertThat(jussi.get(page(assigned) + document).statusCode()).isEqualTo(403);
        long applicationId = applications.findByCase(assigned.id()).orElseThrow().id();
        reviewService.declare(applicationId, "jussi.makinen", false, null, null);
        assertThat(jussi.get(page(assigned)).body()).contains("toimintasuunnitelma.pdf", BOARD).doesNotContain("vain yhteenvedon");
        assertThat(jussi.get(page(assigned) + document).statusCode()).isEqualTo(200);

        // the coordinator sees both, with their documents
        StaffClient coordinator = signedIn("aino.virtanen");
        assertThat(coordinator.get(page(disqualified)).body()).contains("talousarvio.pdf", "esteellinen");
        assertThat(coordinator.get(page(disqualified) + disqualifiedDocument).statusCode()).isEqualTo(200);
    }

    @Test
    void theOrganisationPageListsOnlyTheCasesTheReaderMaySee() {
        CaseFile unassigned = caseIn(State.GRANT_UNASSIGNED, REVIEWER);
        String organisationPage = "/staff/organisations/" + unassigned.organisationId();
        assertThat(signedIn(REVIEWER).get(organisationPage).body()).doesNotContain(unassigned.reference());
        assertThat(signedIn("aino.virtanen").get(organisationPage).body()).contains(unassigned.reference());
        assertThat(signedIn("jussi.makinen").get(page(unassigned)).statusCode()).isEqualTo(403);
    }

    /** A fresh case in the state, the reviewer's own review where the state has one. */
    private CaseFile caseIn(State state, String reviewer) {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        if (state == State.CONTACT_REGISTRATION_OPEN) {
            return verification.requestVerification(applicant.contactId(), UUID.randomUUID().toString()).caseFile();
        }
        if (state == State.HYTE_NEGOTIATION_OPEN) {
            // what staff may see of a negotiation depends on its kind only (HyteCaseAccessRule): the case as the cycle opens it
            return new CaseFile(-1, "HN-2027-0001", CaseKind.HYTE_NEGOTIATION, applicant.organisationId(), null, null, "fi",
                    null, OffsetDateTime.now());
        }
        if (state == State.PLAN_COMMENT_GIVEN) {
            long commentingRound = commenting.openRound(List.of(applicant.organisationId()), false, 14);
            return commenting.answer(commentingRound, applicant.contactId(), "Lausunto.").caseFile();
        }
        long applicationId = fixtures.draft(roundId, applicant, "1000.00");
        CaseFile caseFile = submissions.submit(applicationId, applicant.contactId(), null).caseFile();
        if (state != State.GRANT_UNASSIGNED) {
            reviewService.register(applicationId, reviewer);
        }
        switch (state) {
            case GRANT_DECLARED -> reviewService.declare(applicationId, reviewer, false, null, null);
            case GRANT_DISQUALIFIED -> reviewService.declare(applicationId, reviewer, true, "boardMember", null);
            case GRANT_SCORED -> {
                reviewService.declare(applicationId, reviewer, false, null, null);
                reviews.scored(reviews.find(applicationId, reviewer).orElseThrow().id(), List.of(), BigDecimal.valueOf(3),
                        OffsetDateTime.now());
            }
            default -> {
            }
        }
        return caseFile;
    }

    private static Map<State, CaseVisibility> all(CaseVisibility visibility) {
        Map<State, CaseVisibility> map = new LinkedHashMap<>();
        for (State state : State.values()) {
            map.put(state, visibility);
        }
        return map;
    }

    private static TestingAuthenticationToken staff(String user, Roles role) {
        TestingAuthenticationToken token = new TestingAuthenticationToken(user, null, role.authority());
        token.setAuthenticated(true);
        return token;
    }

    private StaffClient signedIn(String user) {
        return StaffClient.signedIn(port, user, "silta-demo");
    }

    private static String page(CaseFile caseFile) {
        return "/staff/cases/" + caseFile.reference();
    }
}
