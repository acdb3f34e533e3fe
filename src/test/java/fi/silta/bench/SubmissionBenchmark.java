package fi.silta.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.SiltaApplication;
import fi.silta.grants.GrantSubmissions;
import fi.silta.notifications.OutboxDrainer;
import fi.silta.web.RequestAdmission;

/**
 * Submission benchmark (not a test): how many grant applications per second Silta takes through
 * the portal over HTTP, against {@link GrantSubmissions#submit} in-process and against the bare
 * engine starting {@code grantApplication} with the same variables, in one run on one database;
 * then the portal's POST latency at a fixed arrival rate (open loop). Run it with the {@code bench}
 * Maven profile (README, "Benchmark"):
 *
 * <pre>
 * mvn -B -Pbench -DskipTests verify                       # N=200, C=8, H2 in memory
 * SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/silta_bench \
 * SPRING_DATASOURCE_USERNAME=silta SPRING_DATASOURCE_PASSWORD=silta \
 *   mvn -B -Pbench -DskipTests -Dbench.n=200 -Dbench.c=32 verify
 * </pre>
 *
 * System properties: {@code bench.n} (submissions measured per side, 200), {@code bench.c}
 * (concurrent clients of the closed loops, 8), {@code bench.warmup} (unmeasured submissions per
 * side first, 300), {@code bench.open} (open-loop arrivals, N; 0 for none), {@code bench.rate}
 * (their rate per second; unset: half the HTTP side's closed-loop rate), {@code
 * bench.jobExecutor} (false). The database is the usual {@code SPRING_DATASOURCE_*}; without it an
 * in-memory H2 (never the demo's ./data).
 *
 * <p>What it does: starts Silta in this JVM with its own configuration ({@link SiltaApplication},
 * application.yaml) on a random port, with its mail sink on a free port (no mail leaves the
 * machine). The outbox drain job is off and the outbox is drained between the sides instead: left
 * on, it rendered the receipts' PDF copies while the HTTP side was measured (the in-process sides end
 * within a second or two, before it comes round), which charged the portal alone for it. The job
 * executor is off unless
 * {@code -Dbench.jobExecutor=true}: every side then measures exactly the transaction a person waits
 * for (process start up to its first wait state, receipt mail in the outbox), and the asynchronous
 * continuations the models put after it (grantApplication's eligibility check) do not compete for
 * the two cores with the side measured next. It prepares a published round, one applicant
 * (organisation and contact) per submission on each side, signed-in portal clients over HTTP with
 * one-time tokens from the portal's token store, and draft applications; warms the three paths
 * up; then measures the HTTP side ({@link PortalSubmitter}, C threads, one signed-in client per
 * submission), the engine side ({@link GrantSubmissions#submit}, C threads, one draft each) and the
 * bare engine side ({@code RuntimeService.startProcessInstanceByKey}, C threads, no case around
 * it), draining the outbox and collecting garbage before each; every side runs at most {@code
 * silta.web.concurrent-requests} at once (the portal's admission; the in-process sides take its
 * turns too). Then the open loop: each arrival posts a form opened before, at its scheduled
 * instant, on a thread of its own, its latency counted from that instant. At the end it checks
 * that exactly N cases and N process instances were made per side (bare: N instances and N
 * receipt mails, no case) and prints one block of figures; it exits non-zero if any submission
 * failed or any count is off.
 */
public final class SubmissionBenchmark {

    /** The business keys of the bare engine side's instances start so (they are about no case). */
    static final String BARE_PREFIX = "BENCH-BARE-";

    private final ConfigurableApplicationContext context;
    private final int n;
    private final int openN;
    private final double openRate;
    private final int c;
    private final int warmup;
    private final boolean jobExecutor;
    private final JdbcClient jdbc;
    private final HistoryService history;
    private final List<String> problems = new ArrayList<>();
    private String loadBefore = "?";
    private String loadAfter = "?";

    private SubmissionBenchmark(ConfigurableApplicationContext context, int n, int c, int warmup, boolean jobExecutor, int openN,
            double openRate) {
        this.context = context;
        this.n = n;
        this.openN = openN;
        this.openRate = openRate;
        this.c = c;
        this.warmup = warmup;
        this.jobExecutor = jobExecutor;
        this.jdbc = context.getBean(JdbcClient.class);
        this.history = context.getBean(HistoryService.class);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 200);
        int c = Integer.getInteger("bench.c", 8);
        int warmup = Integer.getInteger("bench.warmup", 300);
        boolean jobExecutor = Boolean.getBoolean("bench.jobExecutor");
        int openN = Integer.getInteger("bench.open", n);
        String rate = System.getProperty("bench.rate", "");
        double openRate = rate.isBlank() ? 0 : Double.parseDouble(rate);
        if (n < 1 || c < 1 || warmup < 0 || openN < 0 || openRate < 0) {
            throw new IllegalArgumentException("bench.n and bench.c must be at least 1, bench.warmup and bench.open at least 0, "
                    + "bench.rate positive (or empty: half the HTTP side's rate)");
        }
        long started = System.nanoTime();
        int exit;
        try (ConfigurableApplicationContext context = start(jobExecutor)) {
            say("Silta started in %.1f s on port %s", seconds(System.nanoTime() - started),
                    context.getEnvironment().getProperty("local.server.port"));
            exit = new SubmissionBenchmark(context, n, c, warmup, jobExecutor, openN, openRate).run();
        } catch (Throwable e) {
            // whatever failed, the JVM ends (a non-daemon thread of Silta's must not keep it waiting)
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }

    /** Silta with its own configuration; only what a benchmark must not do differently is set here. */
    static ConfigurableApplicationContext start(boolean jobExecutor) throws IOException {
        int smtp;
        try (ServerSocket free = new ServerSocket(0)) {
            smtp = free.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                // mail goes to Silta's own sink on a free port, whatever the profile says
                "--silta.mail-sink.enabled=true", "--silta.mail-sink.port=" + smtp,
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp,
                "--camunda.bpm.job-execution.enabled=" + jobExecutor,
                // drained between the sides (quiesce), so that no side pays for sending another's mail
                "--silta.mail.outbox.scheduler-enabled=false",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        if (System.getenv("SPRING_DATASOURCE_URL") == null && System.getProperty("spring.datasource.url") == null) {
            args.add("--spring.datasource.url=jdbc:h2:mem:silta-bench;DB_CLOSE_DELAY=-1");
            args.add("--spring.datasource.username=sa");
            args.add("--spring.datasource.password=");
        }
        SpringApplication app = new SpringApplication(SiltaApplication.class);
        // the test sources' components (fixtures) are on this classpath too: leave them out
        app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("benchLeavesOutTestCode", new LeaveOutTestCode()));
        return app.run(args.toArray(String[]::new));
    }

    private int run() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(c, new NamedThreads());
        try {
            return measure(pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private int measure(ExecutorService pool) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 6);
        String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        BenchData data = new BenchData(context);
        GrantSubmissions submissions = context.getBean(GrantSubmissions.class);
        RuntimeService runtime = context.getBean(RuntimeService.class);
        int total = warmup + n;

        // --- preparation (not measured)
        long prepared = System.nanoTime();
        long roundId = data.publishedRound();
        HttpClient http = PortalClient.sharedHttp();
        PortalClient[] clients = new PortalClient[total + openN];
        Phase signIns = Phase.run("prepare portal clients", total + openN, pool, i -> {
            String email = "bench-" + runId + "-web-" + i + "@bench.example";
            data.applicant(email);
            PortalClient client = new PortalClient(http, base, email);
            client.signIn(data.signInToken(email));
            clients[i] = client;
            return null;
        });
        BenchData.Applicant[] applicants = new BenchData.Applicant[total];
        long[] drafts = new long[total];
        Phase draftsMade = Phase.run("prepare drafts", total, pool, i -> {
            applicants[i] = data.applicant("bench-" + runId + "-engine-" + i + "@bench.example");
            drafts[i] = data.draft(roundId, applicants[i]);
            return null;
        });
        // the bare engine side: the variables GrantSubmissions.submit would give the process, from drafts of its own
        String[] bareKeys = new String[total];
        @SuppressWarnings("unchecked")
        Map<String, Object>[] bareVariables = new Map[total];
        Phase bareMade = Phase.run("prepare bare engine starts", total, pool, i -> {
            BenchData.Applicant applicant = data.applicant("bench-" + runId + "-bare-" + i + "@bench.example");
            bareKeys[i] = BARE_PREFIX + runId + "-" + i;
            bareVariables[i] = data.processVariables(data.draft(roundId, applicant), applicant, bareKeys[i]);
            return null;
        });
        if (!signIns.failures.isEmpty() || !draftsMade.failures.isEmpty() || !bareMade.failures.isEmpty()) {
            return abort(signIns, draftsMade, bareMade);
        }
        say("prepared round %d, %d signed-in portal clients, %d drafts and %d bare engine starts in %.1f s", roundId,
                total + openN, total, total, seconds(System.nanoTime() - prepared));

        PortalSubmitter submitter = new PortalSubmitter();
        IntFunction<Object> viaPortal = i -> submitter.submit(clients[i], roundId);
        // the in-process sides take a turn as a request does (RequestAdmission): every side runs at most
        // silta.web.concurrent-requests at once on the same connections, whatever C
        RequestAdmission.Turns turns = context.getBean(RequestAdmission.Turns.class);
        Duration wait = context.getBean(RequestAdmission.Settings.class).admissionWait();
        IntFunction<Object> viaEngine = i -> inTurn(turns, wait, () -> submissions.submit(drafts[i], applicants[i].contactId(),
                UUID.randomUUID().toString()).caseFile().reference());
        IntFunction<Object> viaBareEngine = i -> inTurn(turns, wait, () -> runtime.startProcessInstanceByKey(
                PortalSubmitter.PROCESS_KEY, bareKeys[i], bareVariables[i]).getBusinessKey());

        // --- warm-up (not measured): the same paths, on their own clients and drafts
        if (warmup > 0) {
            long warmStart = System.nanoTime();
            Phase warmHttp = Phase.run("warm-up HTTP", warmup, pool, viaPortal);
            Phase warmEngine = Phase.run("warm-up engine", warmup, pool, i -> viaEngine.apply(n + i));
            Phase warmBare = Phase.run("warm-up bare engine", warmup, pool, i -> viaBareEngine.apply(n + i));
            if (!warmHttp.failures.isEmpty() || !warmEngine.failures.isEmpty() || !warmBare.failures.isEmpty()) {
                return abort(warmHttp, warmEngine, warmBare);
            }
            forgetBareMails(runId);
            say("warmed up with %d submissions per side in %.1f s", warmup, seconds(System.nanoTime() - warmStart));
        }

        // --- HTTP side
        quiesce();
        loadBefore = loadAverage();
        long httpCasesBefore = cases(PortalSubmitter.CASE_PREFIX);
        long httpInstancesBefore = instances(PortalSubmitter.PROCESS_KEY);
        long[] httpDbBefore = databaseCounters();
        CpuMeter httpCpu = CpuMeter.now();
        Phase httpSide = Phase.run("HTTP", n, pool, i -> viaPortal.apply(warmup + i));
        httpSide.cpu = httpCpu.since(n);
        httpSide.database = databaseWork(httpDbBefore, n);
        long httpCases = cases(PortalSubmitter.CASE_PREFIX) - httpCasesBefore;
        long httpInstances = instances(PortalSubmitter.PROCESS_KEY) - httpInstancesBefore;
        say("HTTP side: %d submissions in %.2f s", n, seconds(httpSide.wallNanos));

        // --- engine side
        Drained drained = quiesce();
        drain = "%d mails (each receipt with its PDF copy) sent in %.2f s, %.1f/s".formatted(drained.mails(),
                seconds(drained.nanos()), drained.mails() / seconds(drained.nanos()));
        long engineCasesBefore = cases("AV");
        long engineInstancesBefore = instances("grantApplication");
        long[] engineDbBefore = databaseCounters();
        CpuMeter engineCpu = CpuMeter.now();
        Phase engineSide = Phase.run("engine", n, pool, viaEngine);
        engineSide.cpu = engineCpu.since(n);
        engineSide.database = databaseWork(engineDbBefore, n);
        long engineCases = cases("AV") - engineCasesBefore;
        long engineInstances = instances("grantApplication") - engineInstancesBefore;
        say("engine side: %d submissions in %.2f s", n, seconds(engineSide.wallNanos));

        // --- bare engine side
        quiesce();
        long bareCasesBefore = cases("AV");
        long bareInstancesBefore = instances(PortalSubmitter.PROCESS_KEY);
        long[] bareDbBefore = databaseCounters();
        CpuMeter bareCpu = CpuMeter.now();
        Phase bareSide = Phase.run("bare engine", n, pool, viaBareEngine);
        bareSide.cpu = bareCpu.since(n);
        bareSide.database = databaseWork(bareDbBefore, n);
        long bareCases = cases("AV") - bareCasesBefore;
        long bareInstances = instances(PortalSubmitter.PROCESS_KEY) - bareInstancesBefore;
        loadAfter = loadAverage();
        say("bare engine side: %d process starts in %.2f s", n, seconds(bareSide.wallNanos));

        // --- checks: exactly N per side, each one found
        List<String> httpRefs = new ArrayList<>();
        long[] postNanos = new long[n];
        for (int i = 0; i < n; i++) {
            if (httpSide.results[i] instanceof PortalSubmitter.Receipt receipt) {
                httpRefs.add(receipt.reference());
                postNanos[i] = receipt.postNanos();
            }
        }
        List<String> engineRefs = strings(engineSide);
        List<Long> measuredDrafts = Arrays.stream(drafts, 0, n).boxed().toList();
        String httpCheck = check("HTTP", httpSide, httpRefs, httpCases, httpInstances, PortalSubmitter.PROCESS_KEY);
        String engineCheck = check("engine", engineSide, engineRefs, engineCases, engineInstances, "grantApplication");
        long submitted = jdbc.sql("select count(*) from grant_application where id in (:ids) and case_id is not null "
                + "and submitted_at is not null").param("ids", measuredDrafts).query(Long.class).single();
        expect("engine: measured drafts submitted", submitted, n);
        String bareCheck = checkBare(bareSide, strings(bareSide), bareInstances, bareCases, Arrays.asList(bareKeys).subList(0, n));
        forgetBareMails(runId);

        Open open = null;
        if (openN > 0) {
            double rate = openRate > 0 ? openRate : httpSide.rate() / 2;
            open = openLoop(submitter, clients, total, roundId, rate);
        }
        print(httpSide, postNanos, engineSide, bareSide, httpCheck, engineCheck + ", " + submitted + " drafts submitted",
                bareCheck, open);
        return problems.isEmpty() ? 0 : 1;
    }

    /** What an open-loop run gave: the arrival rate asked, the latencies from each scheduled arrival, its counts. */
    private record Open(double rate, Phase phase, long[] fromArrival, long wallNanos, int maxInFlight, long maxLateNanos,
            String check) {
    }

    /**
     * The open loop: {@code openN} portal clients, each with its form page already open (fetched
     * before, not measured), post at fixed arrival instants {@code 1/rate} apart, each on a thread
     * of its own (a cached pool: no arrival waits for a free client). A POST's latency is counted
     * from its scheduled arrival instant, so a late start counts against the service (no
     * coordinated omission).
     */
    private Open openLoop(PortalSubmitter submitter, PortalClient[] clients, int first, long roundId, double rate) throws Exception {
        PortalSubmitter.Form[] forms = new PortalSubmitter.Form[openN];
        ExecutorService prefetch = Executors.newFixedThreadPool(c, new NamedThreads());
        try {
            Phase opened = Phase.run("open-loop form pages", openN, prefetch, i -> forms[i] = submitter.open(clients[first + i], roundId));
            if (!opened.failures.isEmpty()) {
                abort(opened);
                problems.add("open loop: " + opened.failures.size() + " form pages failed");
                return null;
            }
        } finally {
            prefetch.shutdownNow();
        }
        quiesce();
        long casesBefore = cases(PortalSubmitter.CASE_PREFIX);
        long instancesBefore = instances(PortalSubmitter.PROCESS_KEY);
        Phase phase = new Phase("open loop", openN);
        long[] fromArrival = new long[openN];
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        long maxLate = 0;
        long interval = Math.round(1e9 / rate);
        long[] dbBefore = databaseCounters();
        ExecutorService arrivals = Executors.newCachedThreadPool(new NamedThreads());
        List<Future<?>> posted = new ArrayList<>();
        say("open loop: %d arrivals at %.1f/s", openN, rate);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < openN; i++) {
                long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                maxLate = Math.max(maxLate, System.nanoTime() - due);
                int index = i;
                posted.add(arrivals.submit(() -> {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        phase.results[index] = submitter.post(clients[first + index], roundId, forms[index]);
                        fromArrival[index] = System.nanoTime() - due;
                    } catch (Throwable e) {
                        phase.failures.add("#" + index + ": " + e);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }));
            }
            for (Future<?> one : posted) {
                one.get(30, TimeUnit.MINUTES);
            }
        } finally {
            arrivals.shutdownNow();
        }
        long wall = System.nanoTime() - start;
        phase.wallNanos = wall;
        phase.database = databaseWork(dbBefore, openN);
        List<String> refs = Arrays.stream(phase.results).filter(PortalSubmitter.Receipt.class::isInstance)
                .map(r -> ((PortalSubmitter.Receipt) r).reference()).toList();
        long caseDelta = cases(PortalSubmitter.CASE_PREFIX) - casesBefore;
        long instanceDelta = instances(PortalSubmitter.PROCESS_KEY) - instancesBefore;
        String check = check("open loop", phase, refs, caseDelta, instanceDelta, PortalSubmitter.PROCESS_KEY, openN);
        say("open loop: %d submissions in %.2f s", openN, seconds(wall));
        return new Open(rate, phase, fromArrival, wall, maxInFlight.get(), maxLate, check);
    }

    private static Object inTurn(RequestAdmission.Turns turns, Duration wait, Supplier<Object> work) {
        if (!turns.take(wait)) {
            throw new IllegalStateException("no turn within " + wait);
        }
        try {
            return work.get();
        } finally {
            turns.give();
        }
    }

    private static List<String> strings(Phase phase) {
        return Arrays.stream(phase.results).filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** One side's counts: no failures, N distinct references, N cases with a process, N instances. */
    private String check(String side, Phase phase, List<String> references, long caseDelta, long instanceDelta, String processKey) {
        return check(side, phase, references, caseDelta, instanceDelta, processKey, n);
    }

    private String check(String side, Phase phase, List<String> references, long caseDelta, long instanceDelta, String processKey,
            long expected) {
        failures(side, phase);
        long distinct = new HashSet<>(references).size();
        long withProcess = references.isEmpty() ? 0 : jdbc.sql("select count(*) from case_file where reference in (:refs) "
                + "and process_instance_id is not null").param("refs", references).query(Long.class).single();
        long instances = references.isEmpty() ? 0 : history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKeyIn(references.toArray(String[]::new)).count();
        expect(side + ": distinct receipts", distinct, expected);
        expect(side + ": cases with a process", withProcess, expected);
        expect(side + ": " + processKey + " instances of those cases", instances, expected);
        expect(side + ": new cases in the database", caseDelta, expected);
        expect(side + ": new " + processKey + " instances in the database", instanceDelta, expected);
        return "%d cases (%d new in the database), %d %s instances (%d new)".formatted(withProcess, caseDelta, instances,
                processKey, instanceDelta);
    }

    /** The bare side's counts: no failures, N instances with the side's business keys, N receipt mails queued, no case. */
    private String checkBare(Phase phase, List<String> keys, long instanceDelta, long caseDelta, List<String> expectedKeys) {
        failures("bare engine", phase);
        long distinct = new HashSet<>(keys).size();
        long instances = history.createHistoricProcessInstanceQuery().processDefinitionKey(PortalSubmitter.PROCESS_KEY)
                .processInstanceBusinessKeyIn(expectedKeys.toArray(String[]::new)).count();
        long mails = jdbc.sql("select count(*) from mail_outbox where reference in (:keys) and template = 'case-receipt'")
                .param("keys", expectedKeys).query(Long.class).single();
        expect("bare engine: distinct business keys", distinct, n);
        expect("bare engine: " + PortalSubmitter.PROCESS_KEY + " instances of those keys", instances, n);
        expect("bare engine: new " + PortalSubmitter.PROCESS_KEY + " instances in the database", instanceDelta, n);
        expect("bare engine: receipt mails queued by the model", mails, n);
        if (caseDelta != 0) {
            problems.add("bare engine: " + caseDelta + " cases opened, expected none");
        }
        return "%d %s instances (%d new in the database), %d receipt mails queued, %d cases".formatted(instances,
                PortalSubmitter.PROCESS_KEY, instanceDelta, mails, caseDelta);
    }

    /**
     * The bare side's receipt mails are about no case (no status link can be minted for them):
     * counted above, then taken out of the outbox so that the drain job does not try them.
     */
    private void forgetBareMails(String runId) throws InterruptedException {
        String keys = BARE_PREFIX + runId + "-%";
        // not due for a year: the drain job leaves them alone (one it holds now may still record its attempt)
        jdbc.sql("update mail_outbox set next_attempt_at = ? where reference like ?")
                .params(java.time.OffsetDateTime.now().plusYears(1), keys).update();
        String bare = "select id from mail_outbox where reference like :keys";
        for (int attempt = 1;; attempt++) {
            try {
                jdbc.sql("delete from mail_outbox_event where outbox_id in (" + bare + ")").param("keys", keys).update();
                jdbc.sql("delete from mail_attachment where outbox_id in (" + bare + ")").param("keys", keys).update();
                jdbc.sql("delete from mail_outbox where reference like ?").param(keys).update();
                return;
            } catch (org.springframework.dao.DataIntegrityViolationException attemptRecordedMeanwhile) {
                if (attempt == 5) {
                    throw attemptRecordedMeanwhile;
                }
                Thread.sleep(1000);
            }
        }
    }

    private void failures(String side, Phase phase) {
        for (String failure : phase.failures.subList(0, Math.min(5, phase.failures.size()))) {
            System.out.println("  failed (" + side + "): " + failure);
        }
        if (!phase.failures.isEmpty()) {
            problems.add(side + ": " + phase.failures.size() + " submissions failed");
        }
    }

    private void expect(String what, long actual, long expected) {
        if (actual != expected) {
            problems.add(what + ": " + actual + ", expected " + expected);
        }
    }

    private void print(Phase http, long[] postNanos, Phase engine, Phase bare, String httpCheck, String engineCheck, String bareCheck,
            Open open) throws Exception {
        double httpRate = http.rate();
        double engineRate = engine.rate();
        double bareRate = bare.rate();
        String line = "=".repeat(100);
        StringBuilder out = new StringBuilder("\n").append(line).append('\n');
        out.append(" Silta submission benchmark — N=").append(n).append(" per side, C=").append(c).append(" concurrent clients, warm-up ")
                .append(warmup).append(" per side\n").append(line).append('\n');
        row(out, "machine", machine());
        row(out, "load average", "1/5/15 min " + loadBefore + " before, " + loadAfter
                + " after measuring the closed loops (the load generator runs on the same cores as Silta and the database)");
        row(out, "database", database());
        row(out, "admission", "at most " + context.getBean(RequestAdmission.Settings.class).concurrentRequests()
                + " at once on every side (silta.web.concurrent-requests), the others wait their turn in order");
        row(out, "engine", "job executor " + (jobExecutor ? "ON" : "OFF (jobs left for it: "
                + context.getBean(ManagementService.class).createJobQuery().count() + ")") + ", outbox drained between the sides (drain job off), history "
                + context.getEnvironment().getProperty("camunda.bpm.history-level", "full"));
        out.append('\n');
        row(out, "HTTP side", PortalSubmitter.WHAT);
        row(out, "  rate", "%.1f submissions/s (%d in %.2f s)".formatted(httpRate, n, seconds(http.wallNanos)));
        row(out, "  latency", latencies(http.latencies) + "  (form page + POST)");
        row(out, "  database", http.database);
        row(out, "  CPU", http.cpu);
        row(out, "  POST only", latencies(postNanos));
        row(out, "  outbox after", drain + " (drained after the side, not during it)");
        row(out, "engine side", "GrantSubmissions.submit on prepared drafts (case AV-… + grantApplication), C threads in-process");
        row(out, "  rate", "%.1f submissions/s (%d in %.2f s)".formatted(engineRate, n, seconds(engine.wallNanos)));
        row(out, "  latency", latencies(engine.latencies));
        row(out, "  database", engine.database);
        row(out, "  CPU", engine.cpu);
        row(out, "bare engine", "RuntimeService.startProcessInstanceByKey(\"grantApplication\") with the same variables "
                + "(no case, number, document or portal code), C threads in-process");
        row(out, "  rate", "%.1f process starts/s (%d in %.2f s)".formatted(bareRate, n, seconds(bare.wallNanos)));
        row(out, "  latency", latencies(bare.latencies));
        row(out, "  database", bare.database);
        row(out, "  CPU", bare.cpu);
        out.append('\n');
        row(out, "ratio", "portal/bare engine = %.2f (headline; goal >= 0.5), engine/HTTP = %.2f".formatted(httpRate / bareRate,
                engineRate / httpRate));
        row(out, "verified HTTP", httpCheck);
        row(out, "verified engine", engineCheck);
        row(out, "verified bare", bareCheck);
        if (open != null) {
            out.append('\n');
            row(out, "open loop", "%d portal POSTs (form pages open before) at a fixed %.1f arrivals/s (%s), a thread per arrival"
                    .formatted(openN, open.rate(), openRate > 0 ? "-Dbench.rate" : "half the HTTP side's closed-loop rate"));
            row(out, "  taken", "%.1f submissions/s (%d in %.2f s), at most %d in flight, arrivals started up to %.1f ms late"
                    .formatted(openN / seconds(open.wallNanos()), openN, seconds(open.wallNanos()), open.maxInFlight(),
                            millis(open.maxLateNanos())));
            row(out, "  POST latency", latencies(open.fromArrival()) + "  (from the scheduled arrival; goal p95 <= 250 ms)");
            row(out, "  database", open.phase().database + " (POST only)");
            row(out, "verified open", open.check());
            row(out, "load average", "1/5/15 min " + loadAverage() + " after the open loop");
        }
        row(out, "result", problems.isEmpty() ? "OK" : "FAILED: " + String.join("; ", problems));
        out.append(line).append('\n');
        System.out.print(out);
        System.out.flush();
    }

    private static void row(StringBuilder out, String label, String text) {
        out.append(String.format(Locale.ROOT, " %-16s %s%n", label, text));
    }

    static String latencies(long[] nanos) {
        long[] sorted = Arrays.stream(nanos).filter(x -> x > 0).sorted().toArray();
        if (sorted.length == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", millis(percentile(sorted, 50)),
                millis(percentile(sorted, 95)), millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]));
    }

    /** Nearest rank: the smallest value with at least p % of the values at or below it. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** What a {@link #quiesce()} sent, and how long sending it took. */
    private record Drained(int mails, long nanos) {
    }

    /**
     * Sends what the outbox holds, collects garbage and lets the machine settle before a side is
     * measured; returns what it sent and how long that took (the settling not counted).
     */
    private Drained quiesce() throws InterruptedException {
        OutboxDrainer drainer = context.getBean(OutboxDrainer.class);
        long start = System.nanoTime();
        int sent = 0;
        for (int round = 0, batch; round < 1000 && (batch = drainer.drain()) > 0; round++) {
            sent += batch; // one batch at a time, until nothing is due
        }
        Drained drained = new Drained(sent, System.nanoTime() - start);
        System.gc();
        Thread.sleep(1000);
        return drained;
    }

    /** The outbox drain after the HTTP side: its receipts, as the drain job would send them. */
    private String drain = "";

    /**
     * PostgreSQL's counters of this database: transactions committed, rows inserted, updated,
     * deleted and fetched; null on another database. Read after a pause, since each connection
     * reports its counts about once a second.
     */
    private long[] databaseCounters() throws InterruptedException {
        if (!context.getEnvironment().getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:")) {
            return null;
        }
        Thread.sleep(1500);
        return jdbc.sql("select xact_commit, tup_inserted, tup_updated, tup_deleted, tup_fetched from pg_stat_database "
                + "where datname = current_database()").query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5)}).single();
    }

    /** The counters' growth since {@code before}, per submission (the outbox drain job's few included). */
    private String databaseWork(long[] before, int count) throws InterruptedException {
        if (before == null) {
            return "(counted on PostgreSQL only)";
        }
        long[] after = databaseCounters();
        double[] per = new double[before.length];
        for (int i = 0; i < per.length; i++) {
            per[i] = (after[i] - before[i]) / (double) count;
        }
        return String.format(Locale.ROOT, "per submission %.1f transactions; rows %.1f inserted, %.1f updated, %.1f deleted, "
                + "%.1f fetched", per[0], per[1], per[2], per[3], per[4]);
    }

    private long cases(String prefix) {
        return jdbc.sql("select count(*) from case_file where reference like ?").param(prefix + "-%").query(Long.class).single();
    }

    private long instances(String processKey) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count();
    }

    private int abort(Phase... phases) {
        for (Phase phase : phases) {
            if (!phase.failures.isEmpty()) {
                System.out.println("FAILED in " + phase.name + ": " + phase.failures.size() + " of " + phase.results.length);
                phase.failures.stream().limit(5).forEach(f -> System.out.println("  " + f));
            }
        }
        return 1;
    }

    private String machine() {
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> " " + l.substring(l.indexOf(':') + 1).strip()).orElse("");
        } catch (IOException | RuntimeException e) {
            // not Linux: the core count says enough
        }
        return "%d cores%s; %s %s (%s), max heap %d MB; %s %s".formatted(Runtime.getRuntime().availableProcessors(), cpu,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** The machine's 1/5/15-minute load averages (Linux), to see whether something else was running. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private String database() throws Exception {
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return "%s %s (%s), pool max %s".formatted(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), meta.getURL(),
                    context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size", "10"));
        }
    }

    static void say(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    /**
     * {@code count} tasks on the pool's C threads, each thread taking the next index until none is
     * left; each task's latency, result or failure is kept by its index. Bounded: it gives up
     * after 30 minutes.
     */
    static final class Phase {

        final String name;
        final Object[] results;
        final long[] latencies;
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long wallNanos;
        /** What the phase cost the database per submission (PostgreSQL's counters), or why not known. */
        String database = "";
        /** CPU per submission (this JVM's, PostgreSQL's), {@link CpuMeter}. */
        String cpu = "";

        private Phase(String name, int count) {
            this.name = name;
            this.results = new Object[count];
            this.latencies = new long[count];
        }

        double rate() {
            return results.length / seconds(wallNanos);
        }

        static Phase run(String name, int count, ExecutorService pool, IntFunction<Object> task) throws Exception {
            Phase phase = new Phase(name, count);
            AtomicInteger next = new AtomicInteger();
            int threads = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
            List<Future<?>> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        try {
                            phase.results[i] = task.apply(i);
                            phase.latencies[i] = System.nanoTime() - begin;
                        } catch (Throwable e) {
                            phase.failures.add("#" + i + ": " + e);
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.MINUTES);
            }
            phase.wallNanos = System.nanoTime() - start;
            return phase;
        }
    }

    private static final class NamedThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            return new Thread(runnable, "bench-client-" + count.incrementAndGet());
        }
    }

    /** Leaves the test sources' classes (fixtures, this benchmark) out of Silta's component scan. */
    static final class LeaveOutTestCode extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            String name = reader.getClassMetadata().getClassName();
            return name.startsWith("fi.silta.support.") || name.startsWith("fi.silta.bench.")
                    || reader.getResource().getURL().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LeaveOutTestCode;
        }

        @Override
        public int hashCode() {
            return LeaveOutTestCode.class.hashCode();
        }
    }
}
