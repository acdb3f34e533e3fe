package fi.silta.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import fi.silta.cases.CaseFileService.OpenedCase;
import fi.silta.notifications.MailOutbox;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.notifications.OutboxMail;
import fi.silta.organisations.ContactVerificationService;
import fi.silta.organisations.OrganisationType;
import fi.silta.support.GrantFixtures;
import fi.silta.support.Mails;
import fi.silta.support.PortalSignIn;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.support.TestMail;

/**
 * Status links no staff role can read: a mail gets a token of its own when it is sent (a second
 * sending another), only hashes are stored, each link can be revoked, the stored copy of the mail
 * holds no usable link, no process variable or history row holds a token (searched by SQL), and
 * a token of the old kind stops working while the start-up step removes its variables.
 */
@SiltaIntegrationTest
class StatusLinksTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    static final Pattern LINK = Pattern.compile("/portal/cases/([A-Z]{2}-\\d{4}-\\d+)\\?token=([A-Za-z0-9_-]+)");

    @LocalServerPort int port;
    @Autowired GrantFixtures fixtures;
    @Autowired ContactVerificationService verification;
    @Autowired OutboxDrainer drainer;
    @Autowired MailOutbox outbox;
    @Autowired StatusLinkMails linkMails;
    @Autowired StatusLinks links;
    @Autowired StatusUrlCleanup cleanup;
    @Autowired RuntimeService runtimeService;
    @Autowired JdbcClient jdbc;

    @Test
    void aMailGetsATokenOfItsOwnWhenSentAndNoTokenIsStoredAnywhereElse() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        OpenedCase opened = verification.requestVerification(applicant.contactId(), UUID.randomUUID().toString());
        String reference = opened.caseFile().reference();
        drainer.drain();
        Matcher mailed = LINK.matcher(Mails.to(greenMail, applicant.email()).get(0).body());
        assertThat(mailed.find()).isTrue();
        assertThat(mailed.group(1)).isEqualTo(reference);
        String token = mailed.group(2);
        assertThat(token).isNotEqualTo(opened.token());

        StaffClient stranger = new StaffClient(port);
        assertThat(stranger.get("/portal/cases/" + reference + "?token=" + token).statusCode()).isEqualTo(200);
        assertThat(stranger.get("/portal/cases/" + reference + "?token=" + opened.token()).statusCode()).isEqualTo(200);

        OutboxMail stored = outbox.find(mailId(reference)).orElseThrow();
        assertThat(stored.status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(stored.body()).contains("/portal/cases/" + reference + "?token=" + StatusLinkMails.PLACEHOLDER)
                .doesNotContain(token);
        for (String secret : List.of(token, opened.token())) {
            assertNowhereStored(secret);
            assertThat(count("status_link where token_hash = ?", StatusTokens.hash(secret))).isOne();
        }
        assertThat(count("ACT_RU_VARIABLE where NAME_ = ?", StatusUrlCleanup.VARIABLE)).isZero();
        assertThat(count("ACT_HI_VARINST where NAME_ = ?", StatusUrlCleanup.VARIABLE)).isZero();

        // sending again (a retry, an administrator's resend) mints another link; each is revoked on its own
        String again = linkMails.beforeSending(stored, stored.body());
        Matcher second = LINK.matcher(again);
        assertThat(second.find()).isTrue();
        assertThat(second.group(2)).isNotEqualTo(token);
        assertThat(links.revoke(token)).isTrue();
        assertThat(links.revoke(token)).as("already revoked").isFalse();
        assertThat(stranger.get("/portal/cases/" + reference + "?token=" + token).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/portal/cases/" + reference + "?token=" + second.group(2)).statusCode()).isEqualTo(200);
        assertThat(links.revokeAll(opened.caseFile().id())).isEqualTo(2);
        assertThat(stranger.get("/portal/cases/" + reference + "?token=" + second.group(2)).statusCode()).isEqualTo(404);

        // the contact who signs in needs no token
        StaffClient contact = PortalSignIn.signedIn(port, greenMail, drainer, applicant.email());
        assertThat(contact.get("/portal/cases/" + reference).statusCode()).isEqualTo(200);
    }

    @Test
    void anOldTokenStopsWorkingAndItsVariablesAreRemovedAtStart() {
        GrantFixtures.Applicant applicant = fixtures.applicant(OrganisationType.REGISTERED_ASSOCIATION);
        OpenedCase opened = verification.requestVerification(applicant.contactId(), UUID.randomUUID().toString());
        String reference = opened.caseFile().reference();
        // a case as earlier versions left it: the token's hash in case_file and the raw link in a variable
        String old = StatusTokens.newToken();
        jdbc.sql("update case_file set token_hash = ? where id = ?").params(StatusTokens.hash(old), opened.caseFile().id()).update();
        runtimeService.setVariable(opened.caseFile().processInstanceId(), StatusUrlCleanup.VARIABLE,
                "http://localhost:8080/portal/cases/" + reference + "?token=" + old);
        runtimeService.setVariable(opened.caseFile().processInstanceId(), StatusUrlCleanup.VARIABLE,
                "http://localhost:8080/portal/cases/" + reference + "?token=" + old + "&again");
        assertThat(count("ACT_HI_DETAIL where TEXT_ like ?", "%" + old + "%")).isEqualTo(2);

        assertThat(new StaffClient(port).get("/portal/cases/" + reference + "?token=" + old).statusCode()).isEqualTo(404);
        assertThat(cleanup.removeAll()).isGreaterThanOrEqualTo(4);
        assertNowhereStored(old);
        assertThat(count("ACT_RU_VARIABLE where NAME_ = ?", StatusUrlCleanup.VARIABLE)).isZero();
        assertThat(count("ACT_HI_VARINST where NAME_ = ?", StatusUrlCleanup.VARIABLE)).isZero();
        assertThat(count("ACT_HI_DETAIL where NAME_ = ?", StatusUrlCleanup.VARIABLE)).isZero();
        assertThat(cleanup.removeAll()).as("a second run finds nothing").isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(opened.caseFile().processInstanceId()).count())
                .as("the process goes on").isOne();
    }

    /** No process variable, history row, byte array or stored mail holds the token. */
    private void assertNowhereStored(String token) {
        String like = "%" + token + "%";
        assertThat(count("ACT_RU_VARIABLE where TEXT_ like ? or TEXT2_ like ?", like, like)).isZero();
        assertThat(count("ACT_HI_VARINST where TEXT_ like ? or TEXT2_ like ?", like, like)).isZero();
        assertThat(count("ACT_HI_DETAIL where TEXT_ like ? or TEXT2_ like ?", like, like)).isZero();
        assertThat(count("mail_outbox where body like ? or subject like ?", like, like)).isZero();
        assertThat(count("case_file where token_hash like ?", like)).isZero();
        byte[] needle = token.getBytes(StandardCharsets.UTF_8);
        List<byte[]> byteArrays = jdbc.sql("select BYTES_ from ACT_GE_BYTEARRAY where DEPLOYMENT_ID_ is null and BYTES_ is not null")
                .query((rs, row) -> rs.getBytes(1)).list();
        assertThat(byteArrays).noneMatch(bytes -> contains(bytes, needle));
    }

    private long mailId(String reference) {
        return jdbc.sql("select id from mail_outbox where reference = ? and template = 'case-receipt'").param(reference)
                .query(Long.class).single();
    }

    private long count(String fromWhere, Object... params) {
        return jdbc.sql("select count(*) from " + fromWhere).params(params).query(Long.class).single();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
