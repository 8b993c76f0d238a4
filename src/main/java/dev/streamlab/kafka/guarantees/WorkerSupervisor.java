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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one {@code streamlab worker} as a child OS process (this JVM's java binary, main class
 * {@code dev.streamlab.Main}) and starts it again by itself whenever it dies. Every kill is a real SIGKILL
 * ({@link Process#destroyForcibly()}), so the worker gets no chance to finish its batch.
 *
 * <p>Kills are placed, never random: a kill plan ({@link #killInNextBatch()}, {@link #killAfter(int)},
 * {@link #killTimes(int)}) asks the worker, on its stdin, to hold at its next in-batch point, and the SIGKILL goes out
 * the moment its {@code in batch: ...} line is read. One plan is pending at a time; a new one replaces it. A plan
 * that can no longer fire (the worker caught up) is cancelled, and {@link State#note()} says why.
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

    /**
     * One in-batch kill.
     *
     * @param atRecords the records processed (all processes) when the batch began
     * @param records   how many records the killed batch held: repeated, lost or aborted, as the mode says
     * @param where     the worker's words for the moment, e.g. {@code produced 50, offsets not committed}
     */
    public record Kill(long atRecords, int records, String where) {
        public Kill {
            Objects.requireNonNull(where, "where");
        }
    }

    private static final Pattern IN_BATCH = Pattern.compile("(\\d+)");
    private static final Pattern LEFT = Pattern.compile("left (-?\\d+)\\)");

    /**
     * What the supervisor knows, at one moment.
     *
     * @param ready          the current process has rebuilt its state
     * @param left           records not yet read, from the last {@code processed} line; -1 when not known
     * @param plan           the kill plan pending, in words; "" when none
     * @param note           the last thing the supervisor said about kills (planned, done, cancelled); "" at first
     * @param inBatchKills   each kill, in order: where it landed and how many records its batch held
     */
    public record State(String name, boolean running, long pid, int starts, int restarts, int kills,
                        Instant lastKill, long recordsProcessed, List<Duration> recoveryTimes, boolean caughtUp,
                        String lastLine, boolean ready, long left, String plan, String note, List<Kill> inBatchKills) {
        public State {
            recoveryTimes = List.copyOf(recoveryTimes);
            inBatchKills = List.copyOf(inBatchKills);
        }

        /** Running, ready and not caught up: there is a batch to interrupt. */
        public boolean processing() {
            return running && ready && !caughtUp;
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
    private java.io.Writer stdin;
    private int batchesThisStart;
    private long left = -1;
    private Plan plan;
    private String note = "";
    private final List<Kill> inBatchKills = new ArrayList<>();

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
            // stdin is a pipe from this JVM: it carries our requests, and it ends when this JVM does, which the worker sees.
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start worker " + name, e);
        }
        records.started(p.toHandle(), "worker " + name);
        p.onExit().thenRun(() -> records.ended(p.toHandle()));
        process = p;
        stdin = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        launchedNanos = System.nanoTime();
        starts++;
        ready = false;
        caughtUp = false;
        batchesThisStart = 0;
        left = -1;
        if (plan != null) {
            plan.asked = false; // the ask died with the old process
        }
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
                batchesThisStart++;
                Matcher l2 = LEFT.matcher(l);
                left = l2.find() ? Long.parseLong(l2.group(1)) : -1;
                caughtUp = false;
                progress = true;
            } else if (l.startsWith("caught up")) {
                caughtUp = true;
                left = 0;
                progress = true;
                if (plan != null && !plan.asked) {
                    cancelPlan("the worker caught up first, so it can no longer fire");
                }
            } else if (l.startsWith("ready")) {
                ready = true;
            } else if (l.startsWith("in batch: ")) {
                inBatch(l);
            } else if (l.startsWith("no batch to hold")) {
                cancelPlan("the worker caught up before its next batch, so nothing was in flight to interrupt");
            }
            if (progress && killNanos >= 0) {
                recoveryTimes.add(Duration.ofNanos(System.nanoTime() - killNanos));
                killNanos = -1;
            }
            advance();
            lock.notifyAll();
        }
    }

    /** SIGKILL now, wherever the worker is; the supervisor starts it again at once. Kills go through plans. */
    private void sigkill() {
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

    /**
     * Kills the worker at the in-batch point of its next batch (see {@link Worker}): its mode's crash, every time.
     *
     * @return what is planned, in a line
     * @throws IllegalStateException when the worker is not processing (starting, or caught up): nothing to interrupt
     */
    public String killInNextBatch() {
        return plan(new Plan("kill in the next batch", 0, 1));
    }

    /**
     * Kills the worker at the in-batch point of the first batch after {@code records} more records (counted from
     * now) were processed. Refused when the worker has no more than {@code records} left to read; cancelled, with a
     * note, if it catches up before.
     */
    public String killAfter(int records) {
        if (records < 1) {
            throw new IllegalArgumentException("kill after how many records? at least 1, not " + records);
        }
        synchronized (lock) {
            if (left >= 0 && left <= records && processing()) {
                throw new IllegalStateException("the " + name + " worker has only " + left + " records left to read: a kill "
                        + "after " + records + " more could never fire; choose fewer than " + left);
            }
            return plan(new Plan("kill after " + records + " more", records, 1));
        }
    }

    /** Kills the worker in a batch {@code times} times: the first in its next batch, each next one once the restarted worker has processed a batch. */
    public String killTimes(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("kill how many times? at least 1, not " + times);
        }
        return plan(new Plan("kill " + times + "x in a batch", 0, times));
    }

    /** One kill plan: how many kills are left and from which processed count the first one may be asked for. */
    private static final class Plan {
        final String what;
        final long after;
        final int times;
        long target;
        int done;
        /** Whether the current process was asked to hold (the ask dies with it). */
        boolean asked;

        Plan(String what, long after, int times) {
            this.what = what;
            this.after = after;
            this.times = times;
        }

        String describe(long processed) {
            String progress = times > 1 ? " (" + done + " of " + times + " done)"
                    : after > 0 && processed < target ? " (" + (target - processed) + " to go)" : "";
            return what + progress + (asked ? ": waiting for the batch's in-batch point" : "");
        }
    }

    private String plan(Plan next) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
            if (!processing()) {
                throw new IllegalStateException(process == null || !process.isAlive() || !ready
                        ? "the " + name + " worker is starting (rebuilding its totals): wait until it processes, then kill it"
                        : "the " + name + " worker has read all of its input: nothing is in flight to "
                        + "interrupt; start a fresh run");
            }
            String replaced = "";
            if (plan != null) {
                replaced = "; it replaces " + plan.describe(recordsProcessed);
                if (plan.asked) {
                    send(Worker.CANCEL_HOLD);
                }
            }
            next.target = recordsProcessed + next.after;
            plan = next;
            note = name + ": " + next.what + " planned" + replaced;
            advance();
            lock.notifyAll();
            return note;
        }
    }

    /** Asks the worker to hold when the plan's moment has come; call under the lock after every change. */
    private void advance() {
        if (plan == null || plan.asked || closed || !processing() || recordsProcessed < plan.target) {
            return;
        }
        // Each kill after the first waits for the restarted worker's first batch, so every restart is measured.
        if (plan.done > 0 && batchesThisStart == 0) {
            return;
        }
        plan.asked = send(Worker.HOLD);
    }

    private boolean send(String request) {
        try {
            stdin.write(request + "\n");
            stdin.flush();
            return true;
        } catch (IOException e) {
            return false; // it died; its restart is asked again
        }
    }

    private void inBatch(String l) {
        Matcher m = IN_BATCH.matcher(l);
        int records = m.find() ? Integer.parseInt(m.group(1)) : 0;
        if (plan == null || !plan.asked) {
            send(Worker.CANCEL_HOLD); // an ask a replaced plan left behind
            return;
        }
        inBatchKills.add(new Kill(recordsProcessed, records, l.substring("in batch: ".length())));
        plan.asked = false;
        plan.done++;
        note = name + ": killed in a batch of " + records + " (" + l.substring("in batch: ".length()) + ")"
                + (plan.times > 1 ? ", kill " + plan.done + " of " + plan.times : "");
        if (plan.done >= plan.times) {
            plan = null;
        }
        sigkill();
    }

    private void cancelPlan(String why) {
        if (plan != null) {
            note = name + ": " + plan.what + " cancelled" + (plan.times > 1 ? " after " + plan.done + " of " + plan.times
                    + " kills" : "") + ": " + why;
            plan = null;
        }
    }

    private boolean processing() {
        return process != null && process.isAlive() && ready && !caughtUp;
    }

    /** True when no planned kills are left to do. */
    public boolean killsDone() {
        synchronized (lock) {
            return plan == null;
        }
    }

    public State state() {
        synchronized (lock) {
            boolean alive = process != null && process.isAlive();
            return new State(name, alive, process == null ? -1 : process.pid(), starts, Math.max(0, starts - 1),
                    kills, lastKill, recordsProcessed, recoveryTimes, caughtUp, lastLine, ready && alive, left,
                    plan == null ? "" : plan.describe(recordsProcessed), note, inBatchKills);
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
            plan = null;
            lock.notifyAll();
            p = process;
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
