package fi.silta.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Browser checks for JUnit tests: runs a Node script of {@code src/test/browser/} that drives the
 * system's headless Chromium through {@code playwright-core} (never a browser of its own).
 *
 * <pre>
 * BrowserTests browser = BrowserTests.require();   // first line of the test
 * String output = browser.run("my-check.mjs", "http://localhost:" + port, Duration.ofMinutes(2),
 *         "--user", "aino.virtanen", "--screenshot", BrowserTests.screenshot("my-check"));
 * </pre>
 *
 * {@link #require()} finds {@code node}, {@code src/test/browser/node_modules} and Chromium
 * ({@code /usr/bin/chromium-headless-shell}, {@code /usr/bin/chromium}, or {@code CHROMIUM_PATH}).
 * When one is missing the test is skipped with a printed reason that says what to install; with
 * {@code CI=true} in the environment it fails instead, so CI never passes by skipping.
 * {@link #run} passes the app's address as {@code --base-url} and fails the test with the
 * script's output when the script exits non-zero or outlives its timeout. Scripts get Chromium's path in {@code CHROMIUM_PATH}; {@code lib.mjs}
 * beside them launches it with a fresh profile and the switches Silta uses everywhere (no
 * sandbox, no network of its own), signs in at /login and takes screenshots.
 */
public final class BrowserTests {

    /** Where the Node side lives: package.json, package-lock.json, lib.mjs and the checks. */
    public static final Path SCRIPTS = basedir().resolve("src/test/browser");
    /** Chromium binaries looked for, in this order (Debian's chromium-headless-shell first). */
    public static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium-headless-shell"), Path.of("/usr/bin/chromium"));
    /** Where checks put their screenshots. */
    public static final Path SCREENSHOTS = basedir().resolve("target/browser");

    private static final List<String> NODE_PACKAGES = List.of("playwright-core", "axe-core");
    /** playwright-core's own requirement. */
    private static final int NODE_MAJOR = 20;

    private final Path node;
    private final Path chromium;

    private BrowserTests(Path node, Path chromium) {
        this.node = node;
        this.chromium = chromium;
    }

    /** Skips the test (fails it when CI=true) unless node, the npm packages and Chromium are all there. */
    public static BrowserTests require() {
        List<String> missing = new ArrayList<>();
        Optional<Path> node = onPath("node");
        if (node.isEmpty()) {
            missing.add("node (Node.js " + NODE_MAJOR + " or newer) on the PATH");
        } else {
            String version = nodeVersion(node.get());
            if (major(version) < NODE_MAJOR) {
                missing.add("Node.js " + NODE_MAJOR + " or newer (" + node.get() + " is " + version + ")");
            }
        }
        for (String pkg : NODE_PACKAGES) {
            if (!Files.isRegularFile(SCRIPTS.resolve("node_modules").resolve(pkg).resolve("package.json"))) {
                missing.add("the npm package " + pkg + " in " + SCRIPTS.resolve("node_modules") + ": npm ci --prefix src/test/browser");
            }
        }
        Optional<Path> chromium = chromium();
        if (chromium.isEmpty()) {
            missing.add("Chromium at " + CHROMIUM + (System.getenv("CHROMIUM_PATH") != null ? " or CHROMIUM_PATH" : "")
                    + ": apt-get update && apt-get install -y --no-install-recommends chromium-headless-shell");
        }
        if (!missing.isEmpty()) {
            String reason = "browser test needs " + String.join("; and ", missing);
            System.out.println("[BrowserTests] " + reason);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason + " (CI=true: browser tests may not be skipped)");
            }
            Assumptions.abort(reason);
        }
        return new BrowserTests(node.get(), chromium.get());
    }

    /**
     * Runs {@code node <script> --base-url <baseUrl> <args>} in {@link #SCRIPTS} and returns what it
     * printed. Fails the test with that output when the script exits non-zero or is still running
     * after the timeout.
     */
    public String run(String script, String baseUrl, Duration timeout, String... args) {
        Path file = SCRIPTS.resolve(script);
        if (!Files.isRegularFile(file)) {
            fail("no browser script " + file);
        }
        List<String> command = new ArrayList<>(List.of(node.toString(), file.toString(), "--base-url", baseUrl));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path output = Files.createTempFile("silta-browser-", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPTS.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().put("CHROMIUM_PATH", chromium.toString());
                Process process = builder.start();
                boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                System.out.println("[BrowserTests] " + script + ":\n" + printed);
                if (!finished) {
                    fail("browser check " + script + " still running after " + timeout + ", stopped. It printed:\n" + printed);
                }
                if (process.exitValue() != 0) {
                    fail("browser check " + script + " failed (exit " + process.exitValue() + "):\n" + printed);
                }
                return printed;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A screenshot path under target/browser for a check to write to. */
    public static String screenshot(String name) {
        return SCREENSHOTS.resolve(name + ".png").toString();
    }

    private static String nodeVersion(Path node) {
        try {
            Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? version : "unknown";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** 20 for "v20.19.2", 0 when unreadable. */
    static int major(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^v?(\\d+)\\.").matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Optional<Path> chromium() {
        String configured = System.getenv("CHROMIUM_PATH");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return CHROMIUM.stream().filter(Files::isExecutable).findFirst();
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate) && Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The project folder: Surefire's basedir, else the working directory. */
    private static Path basedir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }
}
