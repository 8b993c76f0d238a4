package dev.streamlab.kafka.monitor;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListGroupsResult;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Things deleted in the middle of a poll, made deterministic: the poller's Admin is the real one behind a proxy
 * that deletes a topic or group right after a given call answered, before the poller's next call.
 */
class PollerRacesTest {
    private final String bootstrap = TestBroker.bootstrapServers();

    @Test
    void aTopicDeletedAfterItWasDescribedIsLeftOutAndThePollNeitherFailsNorWaitsForTheCallTimeout() throws Exception {
        String kept = Names.unique("kept");
        String victim = Names.unique("victim");
        Kafka.createTopic(bootstrap, kept, 2);
        Kafka.createTopic(bootstrap, victim, 3);

        try (Admin helper = Kafka.admin(bootstrap);
             Admin real = new KafkaClients(bootstrap, Map.of()).admin("race", Monitors.FAST.callTimeoutMs())) {
            Admin admin = after(real, "describeTopics", result -> {
                ((DescribeTopicsResult) result).allTopicNames().get();
                helper.deleteTopics(List.of(victim)).all().get();
                await("the deletion of " + victim).atMost(Duration.ofSeconds(10))
                        .until(() -> !helper.listTopics().names().get().contains(victim));
            });
            ClusterPoller poller = new ClusterPoller(admin, bootstrap, Monitors.FAST, Clock.systemUTC());

            long started = System.nanoTime();
            ClusterSnapshot snapshot = poller.poll(null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(snapshot.reachable(), snapshot.problem());
            assertTrue(snapshot.topic(victim).isEmpty(), "the deleted topic is left out");
            assertEquals(2, snapshot.topic(kept).orElseThrow().partitions().size());
            assertTrue(snapshot.topic(kept).orElseThrow().partitions().stream().allMatch(p -> p.highWatermark() == 0));
            assertTrue(took.compareTo(Monitors.FAST.callTimeout()) < 0, "the poll took " + took.toMillis() + " ms");
        }
    }

    @Test
    void aTopicDeletedAfterItWasListedIsLeftOutWithoutFailingThePoll() throws Exception {
        String kept = Names.unique("kept");
        String victim = Names.unique("victim");
        Kafka.createTopic(bootstrap, kept, 1);
        Kafka.createTopic(bootstrap, victim, 1);

        try (Admin helper = Kafka.admin(bootstrap);
             Admin real = new KafkaClients(bootstrap, Map.of()).admin("race", Monitors.FAST.callTimeoutMs())) {
            AtomicBoolean deleted = new AtomicBoolean();
            Admin admin = after(real, "listTopics", result -> {
                ((ListTopicsResult) result).names().get();
                if (deleted.compareAndSet(false, true)) {
                    helper.deleteTopics(List.of(victim)).all().get();
                    await("the deletion of " + victim).atMost(Duration.ofSeconds(10))
                            .until(() -> !helper.listTopics().names().get().contains(victim));
                }
            });
            ClusterPoller poller = new ClusterPoller(admin, bootstrap, Monitors.FAST, Clock.systemUTC());

            ClusterSnapshot snapshot = poller.poll(null);

            assertTrue(snapshot.reachable(), snapshot.problem());
            assertTrue(deleted.get());
            assertTrue(snapshot.topic(victim).isEmpty(), "the deleted topic is left out");
            assertTrue(snapshot.topic(kept).isPresent());
        }
    }

    @Test
    void aGroupDeletedAfterItWasListedIsLeftOutWithoutFailingThePoll() throws Exception {
        String topic = Names.unique("orders");
        String kept = Names.unique("kept");
        String victim = Names.unique("victim");
        Kafka.createTopic(bootstrap, topic, 1);

        try (Admin helper = Kafka.admin(bootstrap);
             Admin real = new KafkaClients(bootstrap, Map.of()).admin("race", Monitors.FAST.callTimeoutMs())) {
            for (String group : List.of(kept, victim)) {
                helper.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
                        .all().get();
            }
            Admin admin = after(real, "listGroups", result -> {
                ((ListGroupsResult) result).all().get();
                helper.deleteConsumerGroups(List.of(victim)).all().get();
            });
            ClusterPoller poller = new ClusterPoller(admin, bootstrap, Monitors.FAST, Clock.systemUTC());

            ClusterSnapshot snapshot = poller.poll(null);

            assertTrue(snapshot.reachable(), snapshot.problem());
            assertTrue(snapshot.group(victim).isEmpty(), "the deleted group is left out");
            assertEquals(List.of(new GroupOffset(topic, 0, 0, 0, 0)), snapshot.group(kept).orElseThrow().offsets());
        }
    }

    /** Something done with a call's result before the caller gets it. */
    interface AfterCall {
        void accept(Object result) throws Exception;
    }

    /** {@code real}, except that after each call of {@code method} it runs {@code after} on the result. */
    static Admin after(Admin real, String method, AfterCall after) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[]{Admin.class},
                (proxy, called, args) -> {
                    Object result;
                    try {
                        result = called.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (called.getName().equals(method)) {
                        after.accept(result);
                    }
                    return result;
                });
    }
}
