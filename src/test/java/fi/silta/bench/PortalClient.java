package fi.silta.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One portal user's browser over real HTTP: its own cookies (the session), no redirects
 * followed, the CSRF token read from the page as a browser would post it. Many clients share
 * one {@link HttpClient} (its connection pool), so C worker threads use about C connections
 * however many signed-in clients there are. A client is used by one thread at a time.
 */
final class PortalClient {

    /** No request waits longer: the benchmark is bounded in time. */
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(60);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    private final String email;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    PortalClient(HttpClient http, String base, String email) {
        this.http = http;
        this.base = base;
        this.email = email;
    }

    /** One HTTP/1.1 client for all portal clients; redirects are looked at, not followed. */
    static HttpClient sharedHttp() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    String email() {
        return email;
    }

    String base() {
        return base;
    }

    /**
     * Signs in with a one-time token as the mailed link does: opens the link's page, then posts
     * its form (token and CSRF token). Fails unless the portal answers with the redirect to /portal/my.
     */
    void signIn(String token) {
        String link = "/portal/login/ott?token=" + enc(token);
        HttpResponse<String> page = get(link);
        HttpResponse<String> signedIn = postForm("/portal/login/ott", "token=" + enc(token) + "&_csrf=" + enc(csrf(page.body())));
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || !location.endsWith("/portal/my")) {
            throw new IllegalStateException("sign-in of " + email + " failed: " + signedIn.statusCode() + " → " + location);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    HttpResponse<String> postForm(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> postMultipart(String path, Multipart form) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in page");
        }
        return m.group(1);
    }

    /** The value of a hidden input ({@code submissionKey}) of a page. */
    static String value(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no input " + name + " in page");
        }
        return m.group(1);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private synchronized HttpResponse<String> send(HttpRequest.Builder request) {
        request.timeout(TIMEOUT);
        if (!cookies.isEmpty()) {
            StringBuilder header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
            request.header("Cookie", header.toString());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String name = pair.substring(0, eq).strip();
                    String value = pair.substring(eq + 1).strip();
                    if (value.isEmpty() || setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, value);
                    }
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body, as a browser sends a form with files. */
    static final class Multipart {

        private final String boundary = "----siltabench" + UUID.randomUUID().toString().replace("-", "");
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(String name, String fileName, String contentType, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            body.writeBytes(content);
            write("\r\n");
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(body.toByteArray());
            copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return copy.toByteArray();
        }

        private void write(String text) {
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
