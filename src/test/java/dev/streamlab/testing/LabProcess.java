package dev.streamlab.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The lab as a user runs it: its own JVM, started with flags, stopped with SIGTERM or killed with SIGKILL. */
public final class LabProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private LabProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "lab-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code streamlab} with these arguments and waits for its ready line. */
    public static LabProcess start(Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath(), "dev.streamlab.Main"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            LabProcess lab = new LabProcess(process);
            await("the lab's ready line").atMost(Duration.ofSeconds(60))
                    .until(() -> lab.printed("Streamlab ready") || !process.isAlive());
            if (!lab.printed("Streamlab ready")) {
                throw new IllegalStateException("the lab did not start:\n" + String.join("\n", lab.output));
            }
            return lab;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's classpath; under exec:java the project's classes are in the context class loader instead. */
    public static String classpath() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    public boolean printed(String text) {
        return output.stream().anyMatch(line -> line.contains(text));
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    public long pid() {
        return process.pid();
    }

    /** Sends SIGTERM (what Ctrl-C and service managers do) and waits up to {@code limit} for the exit. */
    public boolean terminate(Duration limit) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output before we read the goodbye.
        process.toHandle().destroy();
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How the lab exited (128 + the signal's number when a signal ended it); only once it has. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, as when the machine loses power. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
