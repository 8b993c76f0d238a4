package dev.streamlab.kafka.monitor;

import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Watches the cluster: polls it through the Admin API every {@code interval} on its own daemon thread
 * ("streamlab-monitor"), keeps the newest {@link ClusterSnapshot} and a {@link MonitorHistory}, and tells
 * listeners when what it sees changed. While Kafka does not answer it publishes unreachable snapshots (with the
 * last known state) and keeps trying every interval; once Kafka answers again, snapshots are reachable again.
 */
public final class ClusterMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMonitor.class);
    private static final String THREAD_NAME = "streamlab-monitor";

    private final Admin admin;
    private final ClusterPoller poller;
    private final MonitorSettings settings;
    private final Clock clock;
    private final MonitorHistory history;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile ClusterSnapshot latest;
    private boolean refreshRequested;
    private boolean closed;
    private Thread thread;

    public ClusterMonitor(KafkaClients clients, MonitorSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.admin = clients.admin(THREAD_NAME, settings.callTimeoutMs());
        this.poller = new ClusterPoller(admin, clients.bootstrapServers(), settings, clock);
        this.history = new MonitorHistory(settings.historyWindow());
        this.latest = ClusterSnapshot.unreachable(clock.instant(),
                "not asked yet: the monitor has not polled Kafka at " + clients.bootstrapServers(), null);
    }

    /** Starts polling on the monitor's thread; the first poll begins at once. */
    public void start() {
        lock.lock();
        try {
            if (closed || thread != null) {
                throw new IllegalStateException(closed ? "the monitor is closed" : "the monitor is already running");
            }
            thread = new Thread(this::run, THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    /** The newest snapshot; before the first poll, an unreachable one without topics or groups. */
    public ClusterSnapshot latest() {
        return latest;
    }

    /** What the monitor remembers of each group over the history window. */
    public MonitorHistory history() {
        return history;
    }

    /** Asks for a poll now instead of at the next interval (after an action, so pages show its effect at once). */
    public void refreshNow() {
        lock.lock();
        try {
            refreshRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Calls {@code listener} on the monitor's thread with every snapshot whose content differs from the one
     * before (the time it was taken aside). A listener that throws is logged and called again next time.
     * Closing the returned handle removes the listener.
     */
    public AutoCloseable addListener(Consumer<ClusterSnapshot> listener) {
        Listener entry = new Listener(Objects.requireNonNull(listener, "listener"));
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    /** Stops polling, waits for the thread (the call timeout and 2 s at most) and closes the Admin client. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(settings.callTimeout().plusSeconds(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Answers still on their way are of no use to anyone now: do not wait for them.
        admin.close(Duration.ZERO);
    }

    private void run() {
        try {
            while (!isClosed()) {
                long started = System.nanoTime();
                pollOnce();
                awaitNextPoll(started + settings.interval().toNanos());
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    private void pollOnce() throws InterruptedException {
        ClusterSnapshot previous = latest;
        ClusterSnapshot next = read(previous);
        if (isClosed()) {
            return;
        }
        latest = next;
        history.record(next);
        if (!next.sameContentAs(previous)) {
            listeners.forEach(listener -> listener.accept(next));
        }
    }

    private ClusterSnapshot read(ClusterSnapshot previous) throws InterruptedException {
        try {
            return poller.poll(previous);
        } catch (RuntimeException e) {
            // A bug in reading must not stop the monitor: say so, keep the last known state, try again.
            LOG.warn("The cluster monitor could not make sense of Kafka's answers", e);
            return ClusterSnapshot.unreachable(clock.instant(), "the monitor could not read Kafka's state: " + e,
                    previous);
        }
    }

    private void awaitNextPoll(long dueNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = dueNanos - System.nanoTime();
            while (!closed && !refreshRequested && left > 0) {
                left = wake.awaitNanos(left);
            }
            refreshRequested = false;
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** One registered listener; its own object, so the same consumer added twice is removed once per handle. */
    private static final class Listener {
        private final Consumer<ClusterSnapshot> consumer;
        private long failures;

        Listener(Consumer<ClusterSnapshot> consumer) {
            this.consumer = consumer;
        }

        void accept(ClusterSnapshot snapshot) {
            try {
                consumer.accept(snapshot);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                failures++;
                if (failures == 1 || failures % 100 == 0) {
                    LOG.warn("A cluster monitor listener failed ({} time(s) so far); it stays registered", failures, e);
                }
            }
        }
    }
}
