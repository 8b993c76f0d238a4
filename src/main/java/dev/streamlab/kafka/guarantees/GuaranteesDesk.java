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
 * over the same orders, crash controls, and, every couple of seconds, what each output holds against what it
 * should: lost and duplicated orders, totals, and the idempotent-upsert view of the at-least-once output.
 */
public final class GuaranteesDesk implements AutoCloseable {
    /** Why each mode ends as it does, in a line. */
    static final Map<Worker.Mode, String> WHY = Map.of(
            Worker.Mode.AT_MOST_ONCE, "offsets are committed before the batch is processed: a crash mid-batch skips the rest of it (loss, never duplicates)",
            Worker.Mode.AT_LEAST_ONCE, "output is written before offsets are committed: a crash mid-batch processes part of it again (duplicates, never loss)",
            Worker.Mode.EXACTLY_ONCE, "output and offsets commit in one transaction: a crash aborts it, the restarted worker fences the old one and redoes the batch once");

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
    private Map<Worker.Mode, OutputCheck.Result> results = Map.of();
    private List<Downstream.Row> downstream = List.of();
    private int runs;

    /** What the page shows of one worker. */
    public record ModeView(String mode, String output, boolean running, long pid, int restarts, int kills, Long lastKillMs,
                           long recordsProcessed, List<Long> recoveryMs, String lastLine, String verdict, Integer lost,
                           Integer duplicated, Boolean exact, Boolean totalsRight, String why) {
    }

    /** The whole lab now: input, each worker and the downstream comparison. */
    public record Snapshot(String input, int records, List<ModeView> modes, List<Downstream.Row> downstream) {
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
        checker.scheduleWithFixedDelay(this::check, 2, 2, TimeUnit.SECONDS);
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
        lab = new GuaranteesLab(clients, prefix, input, classpath, new GuaranteesLab.Options(100, 200, 2), children);
        lab.start();
        results = Map.of();
        downstream = List.of();
        return publish();
    }

    /** Kills the worker of {@code mode} now (SIGKILL), after {@code afterRecords}, or {@code times} at random points. */
    public synchronized Snapshot kill(Worker.Mode mode, Integer afterRecords, Integer times) {
        WorkerSupervisor supervisor = current().supervisor(mode);
        if (times != null) {
            supervisor.killRandomly(times, System.nanoTime());
        } else if (afterRecords != null) {
            supervisor.killAfter(afterRecords);
        } else {
            supervisor.kill();
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

    private void check() {
        GuaranteesLab running;
        List<Order> input;
        synchronized (this) {
            running = lab;
            input = orders;
        }
        if (running == null) {
            return;
        }
        try {
            // Only a worker that had read the whole input before the check began gets a verdict from it.
            Map<Worker.Mode, Boolean> readAll = new java.util.EnumMap<>(Worker.Mode.class);
            for (Worker.Mode mode : Worker.Mode.values()) {
                readAll.put(mode, running.supervisor(mode).state().caughtUp());
            }
            Map<Worker.Mode, OutputCheck.Result> checked = new java.util.EnumMap<>(Worker.Mode.class);
            for (Worker.Mode mode : Worker.Mode.values()) {
                if (closing) {
                    return;
                }
                if (readAll.get(mode)) {
                    checked.put(mode, OutputCheck.check(clients, running.output(mode), input));
                }
            }
            if (closing) {
                return;
            }
            List<Downstream.Row> rows = Downstream.compare(input, TopicReader.readAll(clients, running.output(Worker.Mode.AT_LEAST_ONCE),
                    TopicReader.READ_COMMITTED, java.time.Duration.ofSeconds(5)).stream()
                    .map(r -> OutputRecord.parse(r.value())).toList());
            synchronized (this) {
                if (lab == running) {
                    results = checked;
                    downstream = rows;
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
            // Until the worker has read the whole input, missing orders are not lost yet: no verdict.
            OutputCheck.Result r = s.caughtUp() && s.running() ? results.get(mode) : null;
            modes.add(new ModeView(mode.flag(), lab.output(mode), s.running(), s.pid(), s.restarts(), s.kills(),
                    s.lastKill() == null ? null : s.lastKill().toEpochMilli(), s.recordsProcessed(),
                    s.recoveryTimes().stream().map(java.time.Duration::toMillis).toList(), s.lastLine(),
                    r == null ? null : r.verdict(), r == null ? null : r.lost().size(),
                    r == null ? null : r.duplicated().size(), r == null ? null : r.exact(),
                    r == null ? null : r.totalsRight(), WHY.get(mode)));
        }
        return new Snapshot(lab.input(), orders.size(), modes, downstream);
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
