package fi.silta.bench;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the benchmark: given a signed-in portal client and a published grant round,
 * submits one grant application through the portal over real HTTP, as a browser does (opens
 * {@code /portal/grants/{roundId}/apply} for its CSRF token and submission key, posts the
 * multipart form of {@code forms/grant-application.form} with a budget line and a PDF), and
 * returns when the receipt redirect arrives: the same work as the engine side (a case {@code AV-…}
 * and a {@code grantApplication} instance), plus the web layer.
 */
final class PortalSubmitter {

    /** The process one HTTP submission starts. */
    static final String PROCESS_KEY = "grantApplication";
    /** The prefix of the case one HTTP submission opens. */
    static final String CASE_PREFIX = "AV";
    /** What the HTTP side does, printed with the figures. */
    static final String WHAT = "portal grant application (GET /portal/grants/{round}/apply + multipart POST with a budget line "
            + "and a PDF until the receipt redirect) -> case " + CASE_PREFIX + "-… + " + PROCESS_KEY;

    /** The case the submission opened, and how long its POST took (the form page excluded). */
    record Receipt(String reference, long postNanos) {
    }

    private static final Pattern RECEIPT = Pattern.compile("/portal/cases/(" + CASE_PREFIX + "-\\d{4}-\\d+)/receipt$");
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    PortalSubmitter() {
    }

    /** The form page a person has open: its CSRF token and submission key. */
    record Form(String csrf, String submissionKey) {
    }

    /** Submits one application as {@code client}; throws unless the portal redirects to the receipt. */
    Receipt submit(PortalClient client, long roundId) {
        return post(client, roundId, open(client, roundId));
    }

    /** Opens the application form page of the round, as a person does before typing. */
    Form open(PortalClient client, long roundId) {
        HttpResponse<String> page = client.get(path(roundId));
        if (page.statusCode() != 200) {
            throw new IllegalStateException("form page: " + page.statusCode());
        }
        String body = page.body();
        return new Form(PortalClient.csrf(body), PortalClient.value(body, "submissionKey"));
    }

    /** Posts the filled-in form opened by {@link #open}; throws unless the portal redirects to the receipt. */
    Receipt post(PortalClient client, long roundId, Form form) {
        long postStart = System.nanoTime();
        HttpResponse<String> posted = client.postMultipart(path(roundId), application(form.csrf(), form.submissionKey()));
        long postNanos = System.nanoTime() - postStart;
        String location = posted.headers().firstValue("Location").orElse("");
        Matcher receipt = RECEIPT.matcher(location);
        if (posted.statusCode() != 302 || !receipt.find()) {
            throw new IllegalStateException("submission of " + client.email() + " not received: " + posted.statusCode()
                    + " → " + location + (posted.statusCode() == 422 ? " " + errors(posted.body()) : ""));
        }
        return new Receipt(receipt.group(1), postNanos);
    }

    private static String path(long roundId) {
        return "/portal/grants/" + roundId + "/apply";
    }

    /** The grant-application form as a browser posts it. */
    static PortalClient.Multipart application(String csrf, String submissionKey) {
        return new PortalClient.Multipart().field("_csrf", csrf).field("submissionKey", submissionKey)
                .field("activity", "Vertaistukiryhmät").field("targetGroup", "Omaishoitajat").field("targetGroups", "carers").field("goals", "Jaksaminen")
                .field("municipalities", "564").field("boardMembers", "Pekka Puheenjohtaja").field("amount", "4 500,00")
                .field("budgetLines[0].description", "Ohjaajien palkkiot").field("budgetLines[0].amount", "4 500,00")
                .file("attachments", "toimintasuunnitelma.pdf", "application/pdf", PDF);
    }

    private static String errors(String html) {
        Matcher m = Pattern.compile("class=\"error-summary\"(.{0,600})", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip() : "";
    }
}
