package fi.silta.bench;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ════════════════════════════════════════════════════════════════════════════════════════
 *  THE HTTP SIDE OF THE BENCHMARK — the one class to change when the grant form lands.
 * ════════════════════════════════════════════════════════════════════════════════════════
 *
 * Given a signed-in portal client and a grant round, submits one application through the
 * portal over real HTTP, as a browser does (opens the form page for its CSRF token and
 * submission key, posts the multipart form), and returns when the receipt redirect arrives.
 *
 * <p><b>STAND-IN, for now.</b> The portal's grant application form does not exist yet, so this
 * submits the form that does: the contact registration ({@code GET/POST /portal/contact},
 * {@code forms/contact-registration.form}, as {@code PortalFlowTest} does), which opens a case
 * ({@code YH-…}) and starts {@code organisationContactVerification} in one transaction, with a
 * one-page PDF attached. {@code roundId} is not used by the stand-in.
 *
 * <p><b>When the grant form lands, the lead replaces</b>:
 * <ul>
 * <li>{@link #submit}: {@code GET /portal/grants/{roundId}/apply}, then a multipart
 * {@code POST /portal/grants/{roundId}/apply} with the fields of {@code forms/grant-application.form},
 * {@code submissionKey} and {@code _csrf} (see {@link #registration} for the pattern);</li>
 * <li>{@link #PROCESS_KEY} → {@code "grantApplication"} and {@link #CASE_PREFIX} → {@code "AV"},
 * which the benchmark's end-of-run check uses;</li>
 * <li>{@link #WHAT}, the line printed with the figures.</li>
 * </ul>
 * Nothing else: the clients are already signed-in contacts of their own organisations (see
 * {@code SubmissionBenchmark#prepareClients}), and the round is a published, open one.
 */
final class PortalSubmitter {

    /** The process one HTTP submission starts (stand-in: contact verification; then {@code grantApplication}). */
    static final String PROCESS_KEY = "organisationContactVerification";
    /** The prefix of the case one HTTP submission opens (stand-in: {@code YH}; then {@code AV}). */
    static final String CASE_PREFIX = "YH";
    /** What the HTTP side does, printed with the figures. */
    static final String WHAT = "STAND-IN: portal contact registration (GET /portal/contact + multipart POST with a PDF "
            + "until the receipt redirect) -> case " + CASE_PREFIX + "-… + " + PROCESS_KEY;

    /** The case the submission opened, and how long its POST took (the form page excluded). */
    record Receipt(String reference, long postNanos) {
    }

    private static final Pattern RECEIPT = Pattern.compile("/portal/cases/(" + CASE_PREFIX + "-\\d{4}-\\d+)/receipt$");
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final BenchData.BusinessIds businessIds;

    PortalSubmitter(BenchData.BusinessIds businessIds) {
        this.businessIds = businessIds;
    }

    /** Submits one application as {@code client}; throws unless the portal redirects to the receipt. */
    Receipt submit(PortalClient client, long roundId) {
        HttpResponse<String> page = client.get("/portal/contact");
        if (page.statusCode() != 200) {
            throw new IllegalStateException("form page: " + page.statusCode());
        }
        String body = page.body();
        long postStart = System.nanoTime();
        HttpResponse<String> posted = client.postMultipart("/portal/contact",
                registration(PortalClient.csrf(body), PortalClient.value(body, "submissionKey"), client.email()));
        long postNanos = System.nanoTime() - postStart;
        String location = posted.headers().firstValue("Location").orElse("");
        Matcher receipt = RECEIPT.matcher(location);
        if (posted.statusCode() != 302 || !receipt.find()) {
            throw new IllegalStateException("submission of " + client.email() + " not received: " + posted.statusCode()
                    + " → " + location + (posted.statusCode() == 422 ? " " + errors(posted.body()) : ""));
        }
        return new Receipt(receipt.group(1), postNanos);
    }

    /** The contact-registration form as a browser posts it: a new organisation each time. */
    private PortalClient.Multipart registration(String csrf, String submissionKey, String email) {
        return new PortalClient.Multipart().field("_csrf", csrf).field("submissionKey", submissionKey)
                .field("organisationName", "Benchmark-yhdistys " + email.substring(0, email.indexOf('@')) + " ry")
                .field("organisationType", "REGISTERED_ASSOCIATION").field("businessId", businessIds.next())
                .field("municipalities", "564").field("municipalities", "139")
                .field("contactName", "Benchmark Yhteyshenkilö").field("language", "fi").field("confirm", "true")
                .file("authorisation", "poytakirja.pdf", "application/pdf", PDF);
    }

    private static String errors(String html) {
        Matcher m = Pattern.compile("class=\"error-summary\"(.{0,600})", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip() : "";
    }
}
