package dev.streamlab.kafka.actions;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One demo consumer: a thread that owns a {@link KafkaConsumer} (which is not thread-safe, so every call on it,
 * pause and resume included, happens on this thread), subscribed to one topic in one group, committing after each
 * poll it processed.
 */
final class DemoConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(DemoConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(5);

    private final String id;
    private final String group;
    private final String topic;
    private final int recordsPerSecond;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicLong consumed = new AtomicLong();

    private volatile boolean running = true;
    private volatile boolean pauseWanted;
    private volatile boolean paused;
    private volatile List<Integer> assigned = List.of();
    private volatile String problem;

    DemoConsumer(String id, String group, String topic, int recordsPerSecond, KafkaConsumer<byte[], byte[]> consumer) {
        this.id = id;
        this.group = group;
        this.topic = topic;
        this.recordsPerSecond = recordsPerSecond;
        this.consumer = consumer;
        this.thread = new Thread(this::run, "streamlab-demo-" + id);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String id() {
        return id;
    }

    String group() {
        return group;
    }

    DemoConsumerView view() {
        return new DemoConsumerView(id, group, topic, paused, recordsPerSecond, assigned, consumed.get(), problem);
    }

    /** Asks the poll thread to pause (or resume) and waits until it has, so the answer tells the truth. */
    void setPaused(boolean pause) {
        pauseWanted = pause;
        long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
        synchronized (this) {
            while (paused != pause && thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    /** Stops polling, commits what was processed, leaves the group (so it rebalances) and waits for the thread. */
    void stop() {
        running = false;
    }

    void awaitStopped(Duration limit) {
        try {
            thread.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assigned = partitionsOf(consumer.assignment(), partitions, false);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (pauseWanted) {
                        // Newly assigned partitions start unpaused; a paused consumer must not read them either.
                        consumer.pause(partitions);
                    }
                    assigned = partitionsOf(consumer.assignment(), partitions, true);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    assigned = partitionsOf(consumer.assignment(), partitions, false);
                }
            });
            long nextPollNanos = System.nanoTime();
            while (running) {
                applyPause();
                long wait = nextPollNanos - System.nanoTime();
                if (wait > 0 && !paused) {
                    // A slow consumer: it has processed its last batch "too fast" and waits its turn.
                    Thread.sleep(Math.min(50, Math.max(1, wait / 1_000_000)));
                    continue;
                }
                try {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        process(records);
                        if (recordsPerSecond > 0) {
                            nextPollNanos = Math.max(nextPollNanos, System.nanoTime())
                                    + records.count() * 1_000_000_000L / recordsPerSecond;
                        }
                    }
                    assigned = partitionsOf(consumer.assignment(), List.of(), true);
                    problem = null;
                } catch (CommitFailedException | RebalanceInProgressException e) {
                    // The group rebalanced between poll and commit; the new owner re-reads these records.
                    LOG.debug("demo consumer {} could not commit: {}", id, e.getMessage());
                } catch (InterruptException e) {
                    throw e;
                } catch (KafkaException e) {
                    problem = e.getMessage();
                    LOG.warn("demo consumer {} (group {}, topic {}): {}", id, group, topic, e.getMessage());
                    Thread.sleep(1000);
                }
            }
        } catch (InterruptedException | InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            problem = e.getMessage();
            LOG.warn("demo consumer {} stopped: {}", id, e.toString());
        } finally {
            running = false;
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                LOG.debug("demo consumer {} did not close cleanly: {}", id, e.getMessage());
            }
            assigned = List.of();
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private void applyPause() {
        boolean want = pauseWanted;
        if (want) {
            consumer.pause(consumer.assignment());
        } else if (paused) {
            consumer.resume(consumer.paused());
        }
        if (paused != want) {
            paused = want;
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Counts the records (the demo's "processing") and commits the offset after the last one of each partition. */
    private void process(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            consumed.incrementAndGet();
            next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        consumer.commitSync(next);
    }

    private static List<Integer> partitionsOf(Collection<TopicPartition> assignment, Collection<TopicPartition> changed,
                                              boolean added) {
        // Inside the listener consumer.assignment() already reflects the change for assignments but not always for
        // revocations, so compute the result from both.
        Set<TopicPartition> now = new HashSet<>(assignment);
        if (added) {
            now.addAll(changed);
        } else {
            now.removeAll(changed);
        }
        return now.stream().map(TopicPartition::partition).sorted().toList();
    }
}
