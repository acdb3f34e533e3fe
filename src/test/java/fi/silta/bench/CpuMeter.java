package fi.silta.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU time spent during a phase, per submission: this JVM's (Silta and the load generator, which
 * share it) and, where the database runs on this machine (Linux), PostgreSQL's processes'. On two
 * cores shared by all three, a side's rate is what its CPU per submission allows; this says whose
 * CPU it is.
 */
final class CpuMeter {

    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ, 100 on Linux

    private final long jvmNanos;
    private final long postgresTicks;

    private CpuMeter(long jvmNanos, long postgresTicks) {
        this.jvmNanos = jvmNanos;
        this.postgresTicks = postgresTicks;
    }

    static CpuMeter now() {
        return new CpuMeter(jvmCpuNanos(), postgresTicks());
    }

    /** The CPU per submission since {@code before}, as the benchmark prints it. */
    String since(int submissions) {
        CpuMeter after = now();
        double jvm = (after.jvmNanos - jvmNanos) / 1e6 / submissions;
        String text = String.format(Locale.ROOT, "per submission %.1f ms in this JVM (Silta and the load generator)", jvm);
        if (postgresTicks >= 0 && after.postgresTicks >= 0) {
            double pg = (after.postgresTicks - postgresTicks) * TICK_NANOS / 1e6 / submissions;
            text += String.format(Locale.ROOT, ", %.1f ms in PostgreSQL's processes, %.1f ms in all", pg, jvm + pg);
        }
        return text;
    }

    private static long jvmCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** User + system ticks of every process named postgres on this machine; -1 where /proc does not tell. */
    private static long postgresTicks() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return -1;
        }
        long ticks = 0;
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (!comm.startsWith("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks;
    }
}
