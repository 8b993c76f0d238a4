package dev.streamlab.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Ends programs that are not our code when the JVM that started them dies. A learner's program under {@code chaos}
 * cannot watch its parent, so chaos starts this small JVM beside it and tells it, on its stdin, each program it
 * starts. The rule: stdin ending without a {@code done} line means chaos is gone (killed by any signal, or exited
 * without tidying up), and the watchdog SIGKILLs every told program that still runs as told, with its own children,
 * then exits. {@link #close()} sends {@code done}: the watchdog exits and kills nothing.
 *
 * <p>Only the parent holds the write end of that pipe (Java closes inherited descriptors in every child), so the pipe
 * ends when the parent does, whatever killed it. If the watchdog is killed itself, nothing ends the programs.
 */
public final class Watchdog implements AutoCloseable {
    private static final String DONE = "done";

    private final Process process;
    private final OutputStream toWatchdog;
    private boolean broken;

    private Watchdog(Process process) {
        this.process = process;
        this.toWatchdog = process.getOutputStream();
    }

    /** Starts the watchdog JVM from {@code classpath} (the one this JVM runs from). */
    public static Watchdog start(String classpath) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", classpath, Watchdog.class.getName());
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new Watchdog(process);
    }

    /** Tells the watchdog about a program just started; false when the watchdog is not there to hear it. */
    public synchronized boolean watch(ProcessHandle program) {
        Optional<ChildRecord> record = ChildRecord.of(program, "");
        if (broken || record.isEmpty()) {
            return false;
        }
        return send(record.get().pid() + " " + record.get().start());
    }

    private boolean send(String line) {
        try {
            toWatchdog.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            toWatchdog.flush();
            return true;
        } catch (IOException e) {
            broken = true; // the watchdog died (or never started): the run goes on without it
            return false;
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The programs were ended by their starter: the watchdog leaves without killing anything. */
    @Override
    public synchronized void close() {
        if (!broken) {
            send(DONE);
        }
        try {
            toWatchdog.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException ignored) {
            // it is gone already
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The watchdog itself: one {@code PID START} line per program on stdin, then {@code done} or the pipe's end. */
    public static void main(String[] args) throws IOException {
        List<ChildRecord> told = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals(DONE)) {
                    Runtime.getRuntime().halt(0);
                }
                String[] parts = line.split(" ", 2);
                try {
                    told.add(new ChildRecord(Long.parseLong(parts[0]), Instant.parse(parts[1]), "", "program"));
                } catch (RuntimeException e) {
                    // not a line chaos writes; ignore it rather than stop watching
                }
            }
        } catch (IOException e) {
            // a broken pipe is the parent's end too
        }
        for (ChildRecord record : told) {
            record.find().ifPresent(program -> {
                List<ProcessHandle> all = new ArrayList<>(program.descendants().toList());
                program.destroyForcibly();
                all.forEach(ProcessHandle::destroyForcibly);
            });
        }
        Runtime.getRuntime().halt(0);
    }
}
