package dev.streamlab.bench;

import dev.streamlab.testing.FreePorts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Start-up time and idle memory of the whole lab, next to the bare Kafka broker measured in the same run.
 * Run by hand (not part of mvn verify):
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.streamlab.bench.StartupBenchmark -Dexec.args="5"</pre>
 * Each round starts a fresh JVM for each, on a fresh data directory, and times from spawning the process to its
 * ready line (so JVM start-up counts), then lets it idle and reads its resident memory from /proc.
 */
public final class StartupBenchmark {
    private static final Duration IDLE = Duration.ofSeconds(15);

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Double> bareTimes = new ArrayList<>();
        List<Double> labTimes = new ArrayList<>();
        List<Long> bareRss = new ArrayList<>();
        List<Long> labRss = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path dir = Files.createTempDirectory("streamlab-bench");
            Sample bare = measure(List.of("dev.streamlab.bench.BareBroker", String.valueOf(FreePorts.next()),
                    String.valueOf(FreePorts.next()), dir.resolve("bare").toString()), "broker ready");
            Sample lab = measure(List.of("dev.streamlab.Main", "--port", String.valueOf(FreePorts.next()),
                    "--kafka-port", String.valueOf(FreePorts.next()), "--data-dir", dir.resolve("lab").toString()),
                    "Streamlab ready");
            System.out.printf(Locale.ROOT, "round %d: bare broker %.2f s, %d MB idle; lab %.2f s, %d MB idle%n",
                    round, bare.seconds, bare.rssMb, lab.seconds, lab.rssMb);
            bareTimes.add(bare.seconds);
            labTimes.add(lab.seconds);
            bareRss.add(bare.rssMb);
            labRss.add(lab.rssMb);
        }
        double bare = median(bareTimes);
        double lab = median(labTimes);
        System.out.printf(Locale.ROOT, "median start-up: bare broker %.2f s, lab %.2f s, ratio %.2f%n", bare, lab, lab / bare);
        System.out.printf(Locale.ROOT, "median idle RSS after %d s: bare broker %d MB, lab %d MB%n",
                IDLE.toSeconds(), medianLong(bareRss), medianLong(labRss));
    }

    private record Sample(double seconds, long rssMb) {
    }

    private static Sample measure(List<String> mainAndArgs, String readyText) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", dev.streamlab.testing.LabProcess.classpath()));
        command.addAll(mainAndArgs);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains(readyText)) {
                // skip anything printed before the ready line
            }
            if (line == null) {
                throw new IllegalStateException(mainAndArgs.get(0) + " ended before it was ready");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(IDLE.toMillis());
            long rss = residentMb(process.pid());
            process.toHandle().destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            return new Sample(seconds, rss);
        } finally {
            process.destroyForcibly();
        }
    }

    private static long residentMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long medianLong(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
