package fi.silta.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard benchmark's database: restored from its dump when there is one; otherwise made
 * (an empty database, Silta's migrations and engine, {@link DashboardTemplate}'s round through the
 * engine, its rows multiplied by {@code bench/dashboard-multiply.sql}), analysed and dumped with
 * {@code pg_dump -Fc} for the next run. PostgreSQL's own clients do the database work (psql,
 * pg_dump, pg_restore on the PATH); the database is dropped and created as {@code dash.admin}
 * (postgres, trust authentication on 127.0.0.1) and owned by {@code dash.user}.
 */
final class DashboardData {

    /** Applications of a round open now, left at their steps: the staff home's open tasks. */
    static final int OPEN_APPLICATIONS = 40;

    /** Where and how big. */
    record Settings(String host, int port, String database, String user, String password, String admin, Path dump,
            boolean regenerate, int rounds, int perRound) {

        static Settings fromProperties() {
            String home = System.getProperty("user.home");
            return new Settings(System.getProperty("dash.host", "127.0.0.1"), Integer.getInteger("dash.port", 5432),
                    System.getProperty("dash.db", "silta_dash"), System.getProperty("dash.dbUser", "silta"),
                    System.getProperty("dash.dbPassword", "silta"), System.getProperty("dash.admin", "postgres"),
                    Path.of(System.getProperty("dash.dump", home + "/.cache/silta-bench/dashboard-100k.dump")),
                    Boolean.getBoolean("dash.regenerate"), Integer.getInteger("dash.rounds", 200), Integer.getInteger("dash.perRound", 500));
        }

        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** How the data came to be, for the printed block. */
    record Loaded(String how) {
    }

    private final Settings settings;

    DashboardData(Settings settings) {
        this.settings = settings;
    }

    Loaded load() throws Exception {
        if (Boolean.getBoolean("dash.reuse")) {
            // the database as a previous run left it (restored or made): measuring again without the restore
            return new Loaded("reused as the previous run left it (-Ddash.reuse)");
        }
        if (Files.isRegularFile(settings.dump()) && !settings.regenerate()) {
            long start = System.nanoTime();
            recreateDatabase();
            run(List.of("pg_restore", "-h", settings.host(), "-p", Integer.toString(settings.port()), "-U", settings.user(), "-d",
                    settings.database(), "--no-owner", "-j", "2", settings.dump().toString()));
            psql(settings.admin(), settings.database(), "analyze");
            double seconds = (System.nanoTime() - start) / 1e9;
            SubmissionBenchmark.say("restored %s (%.0f MB) and analysed in %.1f s", settings.dump(), Files.size(settings.dump()) / 1e6,
                    seconds);
            return new Loaded("restored from " + settings.dump() + " in %.1f s (pg_restore -j 2, ANALYZE)".formatted(seconds));
        }
        long start = System.nanoTime();
        recreateDatabase();
        System.setProperty("spring.datasource.url", settings.jdbcUrl());
        System.setProperty("spring.datasource.username", settings.user());
        System.setProperty("spring.datasource.password", settings.password());
        long roundId;
        try (ConfigurableApplicationContext context = SubmissionBenchmark.start(false)) {
            roundId = new DashboardTemplate(context).run(400);
            long open = new DashboardTemplate(context).openWork(OPEN_APPLICATIONS);
            SubmissionBenchmark.say("round %d open now with %d applications in progress", open, OPEN_APPLICATIONS);
        }
        // the template alone, kept for working on the multiplication (psql -f … on a copy of it)
        psql(settings.admin(), "postgres", "drop database if exists " + settings.database() + "_template with (force)");
        psql(settings.admin(), "postgres", "create database " + settings.database() + "_template template " + settings.database()
                + " owner " + settings.user());
        double template = (System.nanoTime() - start) / 1e9;
        SubmissionBenchmark.say("template round %d through the engine in %.1f s", roundId, template);
        long multiplying = System.nanoTime();
        Path script = Files.createTempFile("dashboard-multiply", ".sql");
        try (InputStream in = DashboardData.class.getResourceAsStream("/bench/dashboard-multiply.sql")) {
            Files.write(script, in.readAllBytes());
        }
        run(List.of("psql", "-h", settings.host(), "-p", Integer.toString(settings.port()), "-U", settings.user(), "-d",
                settings.database(), "-v", "ON_ERROR_STOP=1", "-q", "-v", "template_round=" + roundId, "-v", "rounds=" + settings.rounds(),
                "-v", "per_round=" + settings.perRound(), "-f", script.toString()));
        Files.delete(script);
        psql(settings.admin(), settings.database(), "vacuum analyze");
        double multiplied = (System.nanoTime() - multiplying) / 1e9;
        SubmissionBenchmark.say("multiplied to %d × %d applications and analysed in %.1f s", settings.rounds(), settings.perRound(),
                multiplied);
        long dumping = System.nanoTime();
        Files.createDirectories(settings.dump().toAbsolutePath().getParent());
        run(List.of("pg_dump", "-h", settings.host(), "-p", Integer.toString(settings.port()), "-U", settings.user(), "-Fc", "-f",
                settings.dump().toString(), settings.database()));
        double dumped = (System.nanoTime() - dumping) / 1e9;
        SubmissionBenchmark.say("dumped to %s (%.0f MB) in %.1f s", settings.dump(), Files.size(settings.dump()) / 1e6, dumped);
        return new Loaded("generated: template through the engine %.1f s, multiplied in SQL and analysed %.1f s, pg_dump %.1f s"
                .formatted(template, multiplied, dumped));
    }

    private void recreateDatabase() throws Exception {
        psql(settings.admin(), "postgres", "drop database if exists " + settings.database() + " with (force)");
        psql(settings.admin(), "postgres", "create database " + settings.database() + " owner " + settings.user());
    }

    private void psql(String user, String database, String sql) throws Exception {
        run(List.of("psql", "-h", settings.host(), "-p", Integer.toString(settings.port()), "-U", user, "-d", database, "-v",
                "ON_ERROR_STOP=1", "-q", "-c", sql));
    }

    private static void run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", System.getProperty("dash.dbPassword", "silta"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (!output.isBlank()) {
            System.out.print(output.lines().map(l -> "  " + l + "\n").reduce("", String::concat));
        }
        if (exit != 0) {
            throw new IOException(command.get(0) + " exited with " + exit);
        }
    }

    /** The row counts the figures stand on. */
    static Map<String, Long> counts(JdbcClient jdbc) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> tables = new ArrayList<>(List.of("grant_round", "grant_application", "grant_review", "grant_score",
                "grant_decision", "case_request", "grant_round_disqualification", "case_file", "organisation", "act_hi_procinst",
                "act_hi_actinst", "act_hi_taskinst", "act_hi_varinst", "act_hi_identitylink", "act_ru_task"));
        for (String table : tables) {
            counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        return counts;
    }
}
