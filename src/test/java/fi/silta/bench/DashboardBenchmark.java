package fi.silta.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.support.StaffClient;

/**
 * Dashboard benchmark (not a test): p50/p95/max of each manager dashboard request and of the
 * staff home over 100 000 historic grant applications with their Camunda history in PostgreSQL.
 * Run it with the {@code dashboard-bench} Maven profile (README, "Dashboard benchmark"):
 *
 * <pre>
 * mvn -B -Pdashboard-bench -DskipTests verify
 * </pre>
 *
 * <p>The data ({@link DashboardData}): on the first run a template round is taken through the
 * engine on an empty database ({@link DashboardTemplate}), its rows multiplied in SQL to {@code
 * dash.rounds} × {@code dash.perRound} applications, analysed and dumped ({@code pg_dump -Fc}) to
 * {@code dash.dump}; later runs restore that dump. Then Silta starts on the database, one manager
 * signs in per client, every URL is requested {@code dash.warmup} times unmeasured, then {@code
 * dash.n} times by one client in turn (sequential) and by {@code dash.c} clients at once.
 *
 * <p>System properties: {@code dash.db} (silta_dash), {@code dash.dump}
 * (~/.cache/silta-bench/dashboard-100k.dump), {@code dash.regenerate} (false: restore the dump
 * when there is one), {@code dash.reuse} (false: true measures on the database as the previous run left
 * it, neither restored nor made), {@code dash.rounds} (200), {@code dash.perRound} (500), {@code dash.n} (50),
 * {@code dash.c} (4; 0 for none), {@code dash.warmup} (5), {@code dash.user} (pekka.koskinen, the
 * demo manager), {@code dash.urls} (comma-separated paths, each optionally {@code user@/path} for
 * another demo user, such as the coordinator whose home has Tasklist filter counts; {@code {round}} is a closed round of
 * the data with its full applications, {@code {commentingRound}} the newest commenting round).
 * It exits non-zero when a request failed (a status other than 200, or no answer), never because
 * a figure is slow.
 */
public final class DashboardBenchmark {

    static final String DEFAULT_URLS = String.join(",", "/staff", "aino.virtanen@/staff", "/staff/dashboards/overview",
            "/staff/dashboards/grants",
            "/staff/dashboards/grants?round={round}", "/staff/dashboards/commenting",
            "/staff/dashboards/commenting?round={commentingRound}", "/staff/grants", "/staff/grants/{round}");

    public static void main(String[] args) throws Exception {
        int exit;
        try {
            exit = run();
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }

    private static int run() throws Exception {
        DashboardData.Settings settings = DashboardData.Settings.fromProperties();
        int n = Integer.getInteger("dash.n", 50);
        int c = Integer.getInteger("dash.c", 4);
        int warmup = Integer.getInteger("dash.warmup", 5);
        String user = System.getProperty("dash.user", "pekka.koskinen");
        String password = System.getProperty("silta.demo.password", "silta-demo");
        List<String> urlTemplates = Arrays.stream(System.getProperty("dash.urls", "").isBlank() ? DEFAULT_URLS.split(",")
                : System.getProperty("dash.urls").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();

        String loadAtStart = loadAverage();
        DashboardData.Loaded loaded = new DashboardData(settings).load();

        long started = System.nanoTime();
        System.setProperty("spring.datasource.url", settings.jdbcUrl());
        System.setProperty("spring.datasource.username", settings.user());
        System.setProperty("spring.datasource.password", settings.password());
        try (ConfigurableApplicationContext context = SubmissionBenchmark.start(Boolean.parseBoolean(
                System.getProperty("dash.jobExecutor", "true")))) {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            SubmissionBenchmark.say("Silta started in %.1f s on port %d", (System.nanoTime() - started) / 1e9, port);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            Map<String, String> placeholders = placeholders(jdbc);
            List<String> urls = urlTemplates.stream().map(u -> fill(u, placeholders)).toList();
            Map<String, Long> counts = DashboardData.counts(jdbc);

            List<String> errors = Collections.synchronizedList(new ArrayList<>());
            // one signed-in client per user for the sequential requests, C per user for the concurrent ones
            Map<String, List<StaffClient>> clientsOf = new LinkedHashMap<>();
            java.util.function.BiFunction<String, Integer, List<StaffClient>> signedIn = (who, count) -> {
                List<StaffClient> list = clientsOf.computeIfAbsent(who, w -> new ArrayList<>());
                while (list.size() < count) {
                    list.add(StaffClient.signedIn(port, who, password));
                }
                return list;
            };
            for (int i = 0; i < warmup; i++) {
                for (String url : urls) {
                    request(signedIn.apply(userOf(url, user), 1).get(0), pathOf(url), errors, url);
                }
            }
            SubmissionBenchmark.say("warmed up: %d rounds over %d URLs", warmup, urls.size());
            String loadBefore = loadAverage();
            Map<String, long[]> sequential = new LinkedHashMap<>();
            Map<String, Integer> statuses = new LinkedHashMap<>();
            Map<String, Integer> sizes = new LinkedHashMap<>();
            for (String url : urls) {
                long[] nanos = new long[n];
                for (int i = 0; i < n; i++) {
                    long begin = System.nanoTime();
                    HttpResponse<String> response = request(signedIn.apply(userOf(url, user), 1).get(0), pathOf(url), errors, url);
                    nanos[i] = System.nanoTime() - begin;
                    if (response != null) {
                        statuses.put(url, response.statusCode());
                        sizes.put(url, response.body().length());
                    }
                }
                sequential.put(url, nanos);
            }
            Map<String, long[]> concurrent = new LinkedHashMap<>();
            if (c > 0) {
                ExecutorService pool = Executors.newFixedThreadPool(c);
                try {
                    for (String url : urls) {
                        long[] nanos = new long[n];
                        List<Future<?>> workers = new ArrayList<>();
                        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
                        for (StaffClient client : signedIn.apply(userOf(url, user), c).subList(0, c)) {
                            workers.add(pool.submit(() -> {
                                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                                    long begin = System.nanoTime();
                                    request(client, pathOf(url), errors, url);
                                    nanos[i] = System.nanoTime() - begin;
                                }
                            }));
                        }
                        for (Future<?> worker : workers) {
                            worker.get(30, TimeUnit.MINUTES);
                        }
                        concurrent.put(url, nanos);
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
            String loadAfter = loadAverage();
            print(settings, loaded, counts, urls, statuses, sizes, sequential, concurrent, n, c, warmup, user, loadAtStart, loadBefore,
                    loadAfter, errors);
            return errors.isEmpty() ? 0 : 1;
        }
    }

    /** A GET; a status other than 200 or no answer is an error line (once per URL and answer). */
    private static HttpResponse<String> request(StaffClient client, String path, List<String> errors, String label) {
        try {
            HttpResponse<String> response = client.get(path);
            if (response.statusCode() != 200) {
                String line = label + ": HTTP " + response.statusCode()
                        + response.headers().firstValue("Location").map(l -> " → " + l).orElse("");
                if (!errors.contains(line)) {
                    errors.add(line);
                }
            }
            return response;
        } catch (RuntimeException e) {
            String line = label + ": " + e;
            if (!errors.contains(line)) {
                errors.add(line);
            }
            return null;
        }
    }

    /** A URL may name its user: {@code aino.virtanen@/staff} (a coordinator's home, with Tasklist filter counts). */
    static String userOf(String url, String otherwise) {
        int at = url.indexOf("@/");
        return at > 0 ? url.substring(0, at) : otherwise;
    }

    static String pathOf(String url) {
        int at = url.indexOf("@/");
        return at > 0 ? url.substring(at + 1) : url;
    }

    /** {round}: the newest closed round with the most applications; {commentingRound}: the newest commenting round. */
    static Map<String, String> placeholders(JdbcClient jdbc) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("round", jdbc.sql("select a.round_id from grant_application a join grant_round r on r.id = a.round_id "
                + "group by a.round_id, r.closes_at order by count(*) desc, r.closes_at desc limit 1").query(String.class).optional()
                .orElse("1"));
        values.put("commentingRound", jdbc.sql("select max(id) from commenting_round").query(String.class).optional().orElse("1"));
        return values;
    }

    static String fill(String url, Map<String, String> values) {
        String filled = url;
        for (Map.Entry<String, String> e : values.entrySet()) {
            filled = filled.replace("{" + e.getKey() + "}", e.getValue() == null ? "1" : e.getValue());
        }
        return filled;
    }

    private static void print(DashboardData.Settings settings, DashboardData.Loaded loaded, Map<String, Long> counts, List<String> urls,
            Map<String, Integer> statuses, Map<String, Integer> sizes, Map<String, long[]> sequential, Map<String, long[]> concurrent,
            int n, int c, int warmup, String user, String loadAtStart, String loadBefore, String loadAfter, List<String> errors) {
        String line = "=".repeat(110);
        StringBuilder out = new StringBuilder("\n").append(line).append('\n');
        out.append(" Silta dashboard benchmark — N=").append(n).append(" requests per URL sequentially");
        if (c > 0) {
            out.append(" and N with C=").append(c).append(" concurrent clients");
        }
        out.append(", warm-up ").append(warmup).append(" per URL, signed in as ").append(user).append('\n').append(line).append('\n');
        row(out, "machine", machine());
        row(out, "load average", "1/5/15 min " + loadAtStart + " at start, " + loadBefore + " before measuring, " + loadAfter
                + " after (client, Silta and PostgreSQL share the cores)");
        row(out, "database", settings.jdbcUrl() + "; " + loaded.how());
        StringBuilder rows = new StringBuilder();
        counts.forEach((table, count) -> rows.append(rows.isEmpty() ? "" : ", ").append(table).append(' ').append(count));
        row(out, "rows", rows.toString());
        out.append('\n');
        out.append(String.format(Locale.ROOT, " %-44s %6s %8s  %-44s %s%n", "URL", "status", "KB", "sequential p50 / p95 / max ms",
                c > 0 ? "C=" + c + " p50 / p95 / max ms" : ""));
        for (String url : urls) {
            Integer status = statuses.get(url);
            Integer size = sizes.get(url);
            out.append(String.format(Locale.ROOT, " %-44s %6s %8s  %-44s %s%n", url, status == null ? "-" : status,
                    size == null ? "-" : String.format(Locale.ROOT, "%.1f", size / 1024.0), figures(sequential.get(url)),
                    c > 0 ? figures(concurrent.get(url)) : ""));
        }
        out.append('\n');
        for (String error : errors) {
            row(out, "error", error);
        }
        row(out, "result", errors.isEmpty() ? "OK (goal: p95 <= 300 ms per URL)" : "FAILED: " + errors.size() + " URL(s) answered with an error");
        out.append(line).append('\n');
        System.out.print(out);
        System.out.flush();
    }

    static String figures(long[] nanos) {
        if (nanos == null) {
            return "-";
        }
        long[] sorted = Arrays.stream(nanos).filter(x -> x > 0).sorted().toArray();
        if (sorted.length == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%7.1f / %7.1f / %7.1f", SubmissionBenchmark.millis(SubmissionBenchmark.percentile(sorted, 50)),
                SubmissionBenchmark.millis(SubmissionBenchmark.percentile(sorted, 95)),
                SubmissionBenchmark.millis(sorted[sorted.length - 1]));
    }

    private static void row(StringBuilder out, String label, String text) {
        out.append(String.format(Locale.ROOT, " %-16s %s%n", label, text));
    }

    static String machine() {
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> " " + l.substring(l.indexOf(':') + 1).strip()).orElse("");
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "%d cores (Runtime.availableProcessors)%s; %s %s, max heap %d MB".formatted(Runtime.getRuntime().availableProcessors(), cpu,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
