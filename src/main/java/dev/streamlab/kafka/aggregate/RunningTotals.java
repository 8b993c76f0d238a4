package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.tail.Isolation;
import dev.streamlab.kafka.tail.RecordTail;
import dev.streamlab.kafka.tail.StartPosition;
import dev.streamlab.kafka.tail.TailBatch;
import dev.streamlab.kafka.tail.TailException;
import dev.streamlab.kafka.tail.TailRecord;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The stream job: one consumer without a group (a {@link RecordTail}) reads a topic from its log start, then every
 * record as it arrives, and keeps the totals current. It has no end: it waits for the next record forever.
 * While the topic is missing, or after it was deleted, it looks again every {@link #RETRY_MS} ms and starts from
 * nothing when the topic is back. {@code changed} hears every change, on the consumer's or the scheduler's thread.
 */
final class RunningTotals implements AutoCloseable {
    static final long RETRY_MS = 1000;

    private final KafkaClients clients;
    private final String topic;
    private final Clock clock;
    private final Runnable changed;
    private final ScheduledFuture<?> watchdog;
    private Tally tally = new Tally();
    private final Map<Integer, Long> positions = new TreeMap<>();
    private long recordsSeen;
    private long sinceMs;
    private long lastRecordMs;
    private String problem = "starting";
    private RecordTail tail;
    /** Which tail the callbacks come from: a restarted aggregation ignores the last tail's late words. */
    private long generation;
    private boolean closed;

    RunningTotals(KafkaClients clients, String topic, Clock clock, ScheduledExecutorService scheduler, Runnable changed) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changed = Objects.requireNonNull(changed, "changed");
        this.sinceMs = clock.millis();
        // Opening may wait for Kafka, so it happens on the scheduler, never on the thread that asked to watch.
        this.watchdog = scheduler.scheduleWithFixedDelay(this::openIfStopped, 0, RETRY_MS, TimeUnit.MILLISECONDS);
    }

    synchronized RunningState state() {
        return new RunningState(topic, tail != null && problem == null, tally.totals(), positions, recordsSeen,
                sinceMs, lastRecordMs, problem);
    }

    /** Forgets everything and reads the topic again from its log start (after the topic was recreated). */
    void restart() {
        RecordTail stopping;
        synchronized (this) {
            stopping = tail;
            tail = null;
            forget("starting again");
        }
        if (stopping != null) {
            stopping.close(); // outside our lock: the tail's thread may be waiting for it to deliver
        }
        openIfStopped();
    }

    private void openIfStopped() {
        long opening;
        synchronized (this) {
            if (closed || (tail != null && tail.isRunning())) {
                return;
            }
            if (tail != null) { // stopped by itself: its topic was deleted
                tail = null;
                forget(problem);
            }
            opening = ++generation;
        }
        RecordTail opened;
        try {
            opened = RecordTail.open(clients, topic, Isolation.READ_UNCOMMITTED, new StartPosition.FromOffset(0),
                    batch -> deliver(opening, batch), text -> setProblem(opening, text));
        } catch (TailException e) {
            setProblem(opening, e.reason() == TailException.Reason.TOPIC_MISSING
                    ? "topic " + topic + " does not exist yet; the stream starts as soon as it does (adding orders creates it)"
                    : e.getMessage() + "; the stream retries by itself");
            return;
        } catch (RuntimeException e) {
            setProblem(opening, "the stream could not start: " + e.getMessage() + "; it retries by itself");
            return;
        }
        boolean keep;
        synchronized (this) {
            keep = !closed && opening == generation;
            if (keep) {
                tail = opened;
                opened.startOffsets().forEach((partition, offset) -> positions.merge(partition, offset, Math::max));
                problem = null;
            }
        }
        if (!keep) {
            opened.close();
            return;
        }
        changed.run();
    }

    private void forget(String why) {
        tally = new Tally();
        positions.clear();
        recordsSeen = 0;
        lastRecordMs = 0;
        sinceMs = clock.millis();
        problem = why;
        generation++;
    }

    private void deliver(long from, TailBatch batch) {
        synchronized (this) {
            if (from != generation || closed) {
                return;
            }
            for (TailRecord record : batch.records()) {
                tally.add(record.binary() ? null : record.value());
                positions.merge(record.partition(), record.offset() + 1, Math::max);
                recordsSeen++;
            }
            lastRecordMs = clock.millis();
            problem = null;
        }
        changed.run();
    }

    private void setProblem(long from, String text) {
        synchronized (this) {
            if (from != generation || closed) {
                return;
            }
            problem = text;
        }
        changed.run();
    }

    /** Whether a consumer is open right now (false while it waits for the topic). */
    synchronized boolean consuming() {
        return tail != null && tail.isRunning();
    }

    @Override
    public void close() {
        RecordTail stopping;
        synchronized (this) {
            closed = true;
            stopping = tail;
            tail = null;
        }
        watchdog.cancel(false);
        if (stopping != null) {
            stopping.close();
        }
    }
}
