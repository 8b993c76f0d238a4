package dev.streamlab.kafka.guarantees;

import dev.streamlab.process.ChildRecords;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one {@code streamlab worker} as a child OS process (this JVM's java binary, main class
 * {@code dev.streamlab.Main}) and starts it again by itself whenever it dies. {@link #kill()} is a real SIGKILL
 * ({@link Process#destroyForcibly()}), so the worker gets no chance to finish its batch.
 *
 * <p>It reads the worker's stdout: {@code processed N} lines count records, and the time from a kill to the first
 * {@code processed} (or {@code caught up}) line of the next process is a recovery time.
 *
 * <p>No worker outlives the JVM that supervises it: each gets {@code --parent-pid} of this JVM and its stdin pipe
 * from it, and ends itself when this JVM dies by any signal (see {@code ParentWatch}); each one running is also
 * noted in {@link ChildRecords}, so the next lab on the same data directory ends any that did not.
 */
public final class WorkerSupervisor implements AutoCloseable {
    private static final Pattern PROCESSED = Pattern.compile("^processed (\\d+) ");
    private static final int TAIL = 40;

    /** What the supervisor knows, at one moment. */
    public record State(String name, boolean running, long pid, int starts, int restarts, int kills,
                        Instant lastKill, long recordsProcessed, List<Duration> recoveryTimes, boolean caughtUp,
                        String lastLine) {
        public State {
            recoveryTimes = List.copyOf(recoveryTimes);
        }
    }

    private final String name;
    private final List<String> command;
    private final ChildRecords records;
    private final Object lock = new Object();
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<Duration> recoveryTimes = new ArrayList<>();

    private Process process;
    private long launchedNanos;
    private int starts;
    private int kills;
    private Instant lastKill;
    private long killNanos = -1;
    private long recordsProcessed;
    private boolean ready;
    private boolean caughtUp;
    private String lastLine = "";
    private boolean closed;
    private Thread killer;

    /**
     * @param classpath  the lab's own classpath: {@code System.getProperty("java.class.path")} in the fat jar;
     *                   tests and {@code exec:java} pass the one their class loader sees
     * @param workerArgs the arguments after {@code worker}, e.g. {@code --mode exactly-once --input orders ...}
     */
    public WorkerSupervisor(String name, String classpath, List<String> workerArgs) {
        this(name, classpath, workerArgs, ChildRecords.none());
    }

    /** @param records where each running worker is noted, so a lab killed hard can end it at its next start */
    public WorkerSupervisor(String name, String classpath, List<String> workerArgs, ChildRecords records) {
        this.name = Objects.requireNonNull(name, "name");
        this.records = Objects.requireNonNull(records, "records");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", Objects.requireNonNull(classpath, "classpath"), "dev.streamlab.Main", "worker",
                "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        cmd.addAll(workerArgs);
        this.command = List.copyOf(cmd);
    }

    /**
     * The classpath the lab's own classes came from. From the fat jar that is {@code java.class.path}; under
     * {@code mvn exec:java} that property names Maven's launcher, and the project's classes are in the context class
     * loader instead (call this on the thread that builds the lab).
     */
    public static String ownClasspath() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader
                && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    return System.getProperty("java.class.path"); // not a file URL: not a classpath we can pass on
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    public void start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
            if (process == null || !process.isAlive()) {
                launch();
            }
        }
    }

    private void launch() {
        Process p;
        try {
            // stdin stays a pipe from this JVM that nobody writes to: it ends when this JVM does, which the worker sees.
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start worker " + name, e);
        }
        records.started(p.toHandle(), "worker " + name);
        p.onExit().thenRun(() -> records.ended(p.toHandle()));
        process = p;
        launchedNanos = System.nanoTime();
        starts++;
        ready = false;
        caughtUp = false;
        Thread reader = new Thread(() -> read(p), "supervisor-" + name + "-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        p.onExit().thenRun(() -> restartIfWanted(p));
    }

    private void restartIfWanted(Process dead) {
        synchronized (lock) {
            if (closed || process != dead) {
                return;
            }
            boolean killedByUs = killNanos > launchedNanos;
            boolean diedYoung = System.nanoTime() - launchedNanos < CRASH_LOOP_WINDOW.toNanos();
            if (!killedByUs && diedYoung) {
                // It failed on its own right after starting (a wrong address, a broker away): no tight restart loop.
                line(dead, "(worker " + dead.pid() + " exited with " + dead.exitValue() + " right after starting; restarting in "
                        + CRASH_LOOP_WINDOW.toSeconds() + " s)");
                CompletableFuture.delayedExecutor(CRASH_LOOP_WINDOW.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> relaunch(dead));
                return;
            }
            line(dead, "(worker " + dead.pid() + " exited with " + dead.exitValue() + "; restarting)");
            launch();
        }
    }

    private void relaunch(Process dead) {
        synchronized (lock) {
            if (!closed && process == dead) {
                launch();
            }
        }
    }

    /** A worker that dies by itself within this long of starting is restarted only after this long. */
    static final Duration CRASH_LOOP_WINDOW = Duration.ofSeconds(3);

    private void read(Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = in.readLine()) != null) {
                line(p, l);
            }
        } catch (IOException ignored) {
            // the process died
        }
    }

    private void line(Process p, String l) {
        synchronized (lock) {
            tail.addLast(l);
            if (tail.size() > TAIL) {
                tail.removeFirst();
            }
            lastLine = l;
            if (p != process) {
                return;
            }
            Matcher m = PROCESSED.matcher(l);
            boolean progress = false;
            if (m.find()) {
                recordsProcessed += Long.parseLong(m.group(1));
                caughtUp = false;
                progress = true;
            } else if (l.startsWith("caught up")) {
                caughtUp = true;
                progress = true;
            } else if (l.startsWith("ready")) {
                ready = true;
            }
            if (progress && killNanos >= 0) {
                recoveryTimes.add(Duration.ofNanos(System.nanoTime() - killNanos));
                killNanos = -1;
            }
            lock.notifyAll();
        }
    }

    /** SIGKILL now; the supervisor starts the worker again at once. */
    public void kill() {
        synchronized (lock) {
            if (process == null || !process.isAlive()) {
                return;
            }
            kills++;
            lastKill = Instant.now();
            killNanos = System.nanoTime();
            ready = false;
            caughtUp = false;
            process.destroyForcibly();
        }
    }

    /**
     * Kills the worker once its stdout shows {@code records} more records processed than now. Those lines come
     * after a batch is committed, so this kill lands early in the next batch, not at a random point.
     */
    public void killAfter(int records) {
        long target;
        synchronized (lock) {
            target = recordsProcessed + records;
        }
        startKiller(() -> {
            synchronized (lock) {
                while (!closed && recordsProcessed < target) {
                    lock.wait(1000);
                }
            }
            kill();
        });
    }

    /**
     * Kills the worker {@code times} times at random points: each time after the (re)started worker said it is
     * ready, it is killed within {@code maxUptimeMs} (uniform, seeded), usually in the middle of a batch.
     */
    public void killRandomly(int times, long seed, long maxUptimeMs) {
        Random random = new Random(seed);
        startKiller(() -> {
            for (int i = 0; i < times; i++) {
                synchronized (lock) {
                    while (!closed && !ready) {
                        lock.wait(1000);
                    }
                    if (closed) {
                        return;
                    }
                }
                Thread.sleep(1 + (long) (random.nextDouble() * maxUptimeMs));
                kill();
            }
        });
    }

    /** Same as {@link #killRandomly(int, long, long)} with kills within 2 s of each start. */
    public void killRandomly(int times, long seed) {
        killRandomly(times, seed, 2000);
    }

    private interface Plan {
        void run() throws InterruptedException;
    }

    private void startKiller(Plan plan) {
        synchronized (lock) {
            if (killer != null && killer.isAlive()) {
                throw new IllegalStateException(name + " already has kills planned");
            }
            killer = new Thread(() -> {
                try {
                    plan.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "supervisor-" + name + "-killer");
            killer.setDaemon(true);
            killer.start();
        }
    }

    /** True when no planned kills are left to do. */
    public boolean killsDone() {
        synchronized (lock) {
            return killer == null || !killer.isAlive();
        }
    }

    public State state() {
        synchronized (lock) {
            boolean alive = process != null && process.isAlive();
            return new State(name, alive, process == null ? -1 : process.pid(), starts, Math.max(0, starts - 1),
                    kills, lastKill, recordsProcessed, recoveryTimes, caughtUp, lastLine);
        }
    }

    /** The last lines the worker printed (stdout and stderr), for error messages. */
    public List<String> tail() {
        synchronized (lock) {
            return List.copyOf(tail);
        }
    }

    public String name() {
        return name;
    }

    /** Stops restarting, asks the worker to stop (SIGTERM), and kills it if it has not stopped within 10 s. */
    @Override
    public void close() {
        Process p;
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
            p = process;
            if (killer != null) {
                killer.interrupt();
            }
        }
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (!p.isAlive()) {
            records.ended(p.toHandle()); // now, not when onExit gets round to it: the lab may be about to exit
        }
    }
}
