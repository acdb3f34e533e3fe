package fi.silta.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.web.PagePolicy;

/**
 * Silta's own staff pages send the portal's Content-Security-Policy and security headers; the
 * Camunda webapps keep exactly one policy, their own nonce-based one.
 */
@SiltaIntegrationTest
class StaffPageHeadersTest {

    static final List<String> HEADERS = List.of("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
            "Cache-Control", "X-XSS-Protection");

    @LocalServerPort int port;

    @Test
    void staffPagesSendTheSameSecurityHeadersAsThePortal() {
        StaffClient coordinator = new StaffClient(port);
        HttpResponse<String> portal = coordinator.get("/");
        assertThat(portal.headers().allValues("Content-Security-Policy")).containsExactly(PagePolicy.CONTENT_SECURITY_POLICY);
        HttpResponse<String> login = coordinator.get("/login");
        assertSameHeaders(login, portal);
        assertThat(coordinator.signIn("aino.virtanen", "silta-demo")).endsWith("/staff");
        for (String page : List.of("/staff", "/staff/organisations")) {
            HttpResponse<String> staff = coordinator.get(page);
            assertThat(staff.statusCode()).as(page).isEqualTo(200);
            assertSameHeaders(staff, portal);
        }
    }

    @Test
    void theWebappsKeepTheirOwnPolicyOnly() {
        StaffClient coordinator = new StaffClient(port);
        coordinator.signIn("aino.virtanen", "silta-demo");
        HttpResponse<String> tasklist = coordinator.get("/camunda/app/tasklist/default/");
        assertThat(tasklist.statusCode()).isEqualTo(200);
        List<String> policies = tasklist.headers().allValues("Content-Security-Policy");
        assertThat(policies).hasSize(1);
        assertThat(policies.get(0)).contains("'nonce-").isNotEqualTo(PagePolicy.CONTENT_SECURITY_POLICY);
    }

    private static void assertSameHeaders(HttpResponse<String> page, HttpResponse<String> portal) {
        for (String header : HEADERS) {
            assertThat(page.headers().allValues(header)).as(page.uri() + " " + header)
                    .isNotEmpty().isEqualTo(portal.headers().allValues(header));
        }
    }
}
