package fi.silta.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client for staff pages: cookies, the sign-in form, CSRF tokens. */
public class StaffClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final String base;
    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();

    public StaffClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A client signed in as a staff member (fails the test when the sign-in does not lead to /staff). */
    public static StaffClient signedIn(int port, String user, String password) {
        StaffClient client = new StaffClient(port);
        String target = client.signIn(user, password);
        if (!target.endsWith("/staff")) {
            throw new AssertionError(user + " could not sign in: redirected to " + target);
        }
        return client;
    }

    /** Signs in through the form; returns the redirect target (/staff on success). */
    public String signIn(String user, String password) {
        String token = csrf(get("/login").body());
        HttpResponse<String> response = postForm("/login",
                "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token));
        return response.headers().firstValue("Location").orElse("");
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** A GET whose answer is bytes (a PDF, a file). */
    public HttpResponse<byte[]> getBytes(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> postForm(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** POSTs a form of a page, with the CSRF token that page carries. */
    public HttpResponse<String> postWithCsrfOf(String pagePath, String path, String body) {
        String token = csrf(get(pagePath).body());
        return postForm(path, (body.isEmpty() ? "" : body + "&") + "_csrf=" + enc(token));
    }

    /** POSTs a multipart form (the CSRF token must be one of its fields). */
    public HttpResponse<String> postMultipart(String path, Multipart form) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
    }

    /**
     * A JSON POST of the Camunda webapps to their API (/camunda/api/...), with the session and the
     * webapps' own CSRF token: the XSRF-TOKEN cookie echoed in the X-XSRF-TOKEN header.
     */
    public HttpResponse<String> webappPost(String path, String json) {
        String token = cookie("XSRF-TOKEN").orElseThrow(() -> new IllegalStateException("no XSRF-TOKEN cookie: open a webapp page first"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** The value of a cookie this client holds. */
    public java.util.Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst();
    }

    /** A call to /engine-rest with HTTP Basic credentials (no session). */
    public HttpResponse<String> engineRest(String method, String path, String user, String password, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/engine-rest" + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    /** A GET with HTTP Basic credentials (none when {@code user} is null), no cookies: how a Prometheus server scrapes. */
    public HttpResponse<String> getWithBasic(String path, String user, String password) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in page");
        }
        return m.group(1);
    }

    /** What a browser says it takes when it opens a page or sends a form: errors come back as Silta's pages. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        if (request.headers().firstValue("Accept").isEmpty()) {
            HttpRequest.Builder browser = HttpRequest.newBuilder(request, (name, value) -> true).header("Accept", BROWSER_ACCEPT);
            request = browser.build();
        }
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
