package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.process.ChildRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The chapter 4 lab as the page drives it: one run of the three workers (at-most-once, at-least-once, exactly-once)
 * over the same orders, crash controls that kill a worker inside a batch, and, once a worker has caught up, what its
 * output holds against what it should: lost and duplicated orders, totals, and the idempotent-upsert view of the
 * at-least-once output. An output is read once per catch-up, not on a clock: reads while workers restart would
 * only slow their recovery.
 */
public final class GuaranteesDesk implements AutoCloseable {
    /** Why each mode ends as it does, in a line. */
    static final Map<Worker.Mode, String> WHY = Map.of(
            Worker.Mode.AT_MOST_ONCE, "offsets are committed before the batch is processed: a crash mid-batch skips the rest of it (loss, never duplicates)",
            Worker.Mode.AT_LEAST_ONCE, "output is written before offsets are committed: a crash mid-batch processes part of it again (duplicates, never loss)",
            Worker.Mode.EXACTLY_ONCE, "output and offsets commit in one transaction: a crash aborts it, the restarted worker fences the old one and redoes the batch once");

    /**
     * How the page's workers run: 50-record batches with 10 ms of "work" per record, so a batch takes half a second
     * and a run of a few hundred orders lasts long enough to press a kill button while it is processing.
     */
    public static final GuaranteesLab.Options PACE = new GuaranteesLab.Options(50, 200, 10);

    /** How long {@link #close()} waits for a check already reading to end on its own. */
    static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(10);

    private final KafkaClients clients;
    private final String classpath;
    private final ChildRecords children;
    private final Consumer<Snapshot> listener;
    private final ScheduledExecutorService checker;
    /** Set by {@link #close()}: a check in progress skips its remaining reads. */
    private volatile boolean closing;
    private GuaranteesLab lab;
    private List<Order> orders = List.of();
    /** The last check of each mode, with the worker's (starts, records processed) it was made at. */
    private Map<Worker.Mode, Checked> results = new java.util.EnumMap<>(Worker.Mode.class);
    private List<Downstream.Row> downstream = List.of();
    private String downstreamAt = "";

    /** The judge's verdict on a mode's output, and the worker state it was made against. */
    private record Checked(String at, OutputCheck.Judgement judgement) {
    }
    private int runs;

    /**
     * What the page shows of one worker.
     *
     * @param processing     running, ready and not caught up: the kill buttons work
     * @param left           records it has not read yet (-1: not known yet)
     * @param plan           the kill plan pending, in words ("" none)
     * @param note           the supervisor's last word on kills: planned, done, cancelled and why
     * @param killedBatches  records in each batch a kill interrupted (repeated, lost or aborted, as the mode says)
     */
    public record ModeView(String mode, String output, boolean running, long pid, int restarts, int kills, Long lastKillMs,
                           long recordsProcessed, List<Long> recoveryMs, String lastLine, String verdict, Integer lost,
                           Integer duplicated, Boolean exact, Boolean totalsRight, String why, boolean ready,
                           boolean processing, long left, String plan, String note, List<Integer> killedBatches) {
    }

    /** The whole lab now: input, batch size, each worker and the downstream comparison. */
    public record Snapshot(String input, int records, int batch, List<ModeView> modes, List<Downstream.Row> downstream) {
    }

    public GuaranteesDesk(KafkaClients clients, String classpath, Consumer<Snapshot> listener) {
        this(clients, classpath, listener, ChildRecords.none());
    }

    /** @param children where the running workers are noted (the lab's data directory) */
    public GuaranteesDesk(KafkaClients clients, String classpath, Consumer<Snapshot> listener, ChildRecords children) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.children = Objects.requireNonNull(children, "children");
        this.classpath = Objects.requireNonNull(classpath, "classpath");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamlab-guarantees");
            t.setDaemon(true);
            return t;
        });
        checker.scheduleWithFixedDelay(this::publishStates, 500, 500, TimeUnit.MILLISECONDS);
        // Cheap when nothing has changed (no read at all), so it can look often and show a verdict soon after a catch-up.
        checker.scheduleWithFixedDelay(this::check, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** A fresh run: new topics, {@code records} orders in the input, the three workers started. */
    public synchronized Snapshot start(int records) {
        if (records < 10 || records > 100_000) {
            throw new IllegalArgumentException("choose between 10 and 100,000 orders, not " + records);
        }
        closeLab();
        String prefix = "streamlab-guarantees-" + Long.toString(System.currentTimeMillis(), 36) + "-" + (++runs);
        String input = prefix + "-orders";
        createTopic(input);
        orders = Orders.generate(records, 12, runs);
        Orders.produce(clients, input, orders);
        lab = new GuaranteesLab(clients, prefix, input, classpath, PACE, children);
        lab.start();
        results = new java.util.EnumMap<>(Worker.Mode.class);
        downstream = List.of();
        downstreamAt = "";
        return publish();
    }

    /**
     * Kills the worker of {@code mode} inside its next batch, inside the first batch after {@code afterRecords} more
     * records, or inside a batch {@code times} times (see {@link WorkerSupervisor}). Refused (IllegalStateException)
     * when the worker has nothing in flight to interrupt.
     */
    public synchronized Snapshot kill(Worker.Mode mode, Integer afterRecords, Integer times) {
        WorkerSupervisor supervisor = current().supervisor(mode);
        if (times != null) {
            supervisor.killTimes(times);
        } else if (afterRecords != null) {
            supervisor.killAfter(afterRecords);
        } else {
            supervisor.killInNextBatch();
        }
        return publish();
    }

    public synchronized Optional<Snapshot> snapshot() {
        return lab == null ? Optional.empty() : Optional.of(view());
    }

    private GuaranteesLab current() {
        if (lab == null) {
            throw new IllegalStateException("no run yet: start one first");
        }
        return lab;
    }

    private synchronized void publishStates() {
        if (lab != null) {
            publish();
        }
    }

    /** Where a worker stands, as far as its output goes: a check made at the same point needs no new read. */
    private static String at(WorkerSupervisor.State s) {
        return s.starts() + "/" + s.recordsProcessed();
    }

    private void check() {
        GuaranteesLab running;
        List<Order> input;
        Map<Worker.Mode, String> due = new java.util.EnumMap<>(Worker.Mode.class);
        String downstreamDue;
        synchronized (this) {
            running = lab;
            input = orders;
            if (running == null) {
                return;
            }
            // Only a worker that has read the whole input, and whose output changed since its last check, is read.
            for (Worker.Mode mode : Worker.Mode.values()) {
                WorkerSupervisor.State s = running.supervisor(mode).state();
                Checked last = results.get(mode);
                if (s.running() && s.caughtUp() && (last == null || !last.at().equals(at(s)))) {
                    due.put(mode, at(s));
                }
            }
            WorkerSupervisor.State alo = running.supervisor(Worker.Mode.AT_LEAST_ONCE).state();
            downstreamDue = alo.running() && alo.caughtUp() && !downstreamAt.equals(at(alo)) ? at(alo) : null;
        }
        if (due.isEmpty() && downstreamDue == null) {
            return;
        }
        try {
            Map<Worker.Mode, OutputCheck.Judgement> checked = new java.util.EnumMap<>(Worker.Mode.class);
            for (Map.Entry<Worker.Mode, String> e : due.entrySet()) {
                if (closing) {
                    return;
                }
                checked.put(e.getKey(), OutputCheck.judge(clients, running.input(), running.output(e.getKey()), input));
            }
            List<Downstream.Row> rows = null;
            if (downstreamDue != null && !closing) {
                rows = Downstream.compare(input, TopicReader.readAll(clients, running.output(Worker.Mode.AT_LEAST_ONCE),
                        TopicReader.READ_COMMITTED, java.time.Duration.ofSeconds(5)).stream()
                        .map(r -> OutputRecord.parse(r.value())).toList());
            }
            synchronized (this) {
                if (lab == running) {
                    checked.forEach((mode, result) -> results.put(mode, new Checked(due.get(mode), result)));
                    if (rows != null) {
                        downstream = rows;
                        downstreamAt = downstreamDue;
                    }
                    publish();
                }
            }
        } catch (RuntimeException e) {
            // Kafka busy or gone: the next round tries again; the page keeps the last results.
        }
    }

    private Snapshot publish() {
        Snapshot snapshot = view();
        listener.accept(snapshot);
        return snapshot;
    }

    private Snapshot view() {
        List<ModeView> modes = new ArrayList<>();
        for (Worker.Mode mode : Worker.Mode.values()) {
            WorkerSupervisor.State s = lab.supervisor(mode).state();
            // Until the worker has read the whole input, missing orders are not lost yet: no verdict. A check made
            // before the worker's latest records (or restart) is not shown either.
            Checked c = results.get(mode);
            OutputCheck.Judgement j = s.caughtUp() && s.running() && c != null && c.at().equals(at(s)) ? c.judgement() : null;
            OutputCheck.Result r = j == null ? null : j.result();
            // No result is an output the judge could not count (empty, or unreadable): nothing of it is there.
            Integer lost = j == null ? null : r == null ? Integer.valueOf(orders.size()) : Integer.valueOf(r.lost().size());
            Integer duplicated = j == null ? null : r == null ? Integer.valueOf(0) : Integer.valueOf(r.duplicated().size());
            modes.add(new ModeView(mode.flag(), lab.output(mode), s.running(), s.pid(), s.restarts(), s.kills(),
                    s.lastKill() == null ? null : s.lastKill().toEpochMilli(), s.recordsProcessed(),
                    s.recoveryTimes().stream().map(java.time.Duration::toMillis).toList(), s.lastLine(),
                    j == null ? null : String.join("; ", j.evidence()),
                    lost, duplicated, j == null ? null : Boolean.valueOf(r != null && r.exact()),
                    j == null ? null : Boolean.valueOf(r != null && r.totalsRight()), WHY.get(mode), s.ready(), s.processing(), s.left(), s.plan(),
                    s.note(), s.inBatchKills().stream().map(WorkerSupervisor.Kill::records).toList()));
        }
        return new Snapshot(lab.input(), orders.size(), PACE.batch(), modes, downstream);
    }

    private void createTopic(String topic) {
        try (Admin admin = clients.admin("streamlab-guarantees-admin", 10_000)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) -1))).all().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not create " + topic + ": " + e.getMessage());
        }
    }

    /** The run's workers stop and its topics go: a class that starts many runs leaves none behind. */
    private void closeLab() {
        if (lab != null) {
            lab.close();
            List<String> topics = new ArrayList<>(List.of(lab.input()));
            for (Worker.Mode mode : Worker.Mode.values()) {
                topics.add(lab.output(mode));
            }
            try (Admin admin = clients.admin("streamlab-guarantees-admin", 5_000)) {
                admin.deleteTopics(topics).all().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // topics left behind are harmless; they are named after their run
            }
            lab = null;
        }
    }

    /**
     * Stops the checks without interrupting them: an interrupt landing in a Kafka consumer's poll or close makes
     * the client log an ERROR with a stack trace at every lab close. {@code shutdown()} cancels the rounds to come;
     * a check already reading finishes its current read (seconds at most while the broker answers) and skips the
     * rest. If it is still reading after {@link #CLOSE_WAIT} (the broker has gone), it is left to end at its read
     * timeout: the thread is a daemon and nothing waits for it.
     */
    @Override
    public void close() {
        closing = true;
        checker.shutdown();
        try {
            checker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closeLab();
        }
    }

    /** Whether the checks have stopped: true after {@link #close()} unless a read outlived {@link #CLOSE_WAIT}. */
    boolean checksStopped() {
        return checker.isTerminated();
    }
}
