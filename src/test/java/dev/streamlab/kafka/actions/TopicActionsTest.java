package dev.streamlab.kafka.actions;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.streamlab.kafka.actions.Problems.contains;
import static dev.streamlab.kafka.actions.Problems.refused;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creating and deleting topics on the real broker, and the explanations when a request breaks Kafka's rules. */
class TopicActionsTest {
    private static final String BOOTSTRAP = TestBroker.bootstrapServers();
    private static KafkaActions actions;
    private static Admin admin;

    @BeforeAll
    static void open() {
        actions = KafkaActions.open(new KafkaClients(BOOTSTRAP, Map.of()));
        admin = Kafka.admin(BOOTSTRAP);
    }

    @AfterAll
    static void close() {
        actions.close();
        admin.close();
    }

    @Test
    void aTopicIsCreatedWithTheRequestedPartitionsAndTheClustersReplicationFactor() throws Exception {
        String name = Names.unique("orders");

        TopicCreated created = actions.topics().create(new CreateTopicRequest(name, 3));

        assertEquals(new TopicCreated(name, 3), created);
        TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
        assertEquals(3, description.partitions().size());
        assertEquals(1, description.partitions().get(0).replicas().size());
    }

    @Test
    void aNameWithASpaceIsRefusedWithKafkasNamingRules() {
        String message = refused(Problem.BAD_REQUEST,
                () -> actions.topics().create(new CreateTopicRequest("my orders", 1)));

        contains(message, "\"my orders\" is not a valid topic name: a space is not allowed",
                "ASCII letters, digits, '.', '_' and '-'", "at most 249 characters", "not \".\" or \"..\"",
                "\"a.b\" would collide with \"a_b\"");
    }

    @Test
    void nonAsciiLettersDotsOnlyAndOverlongNamesAreRefusedEachWithItsOwnReason() {
        contains(refused(Problem.BAD_REQUEST, () -> actions.topics().create(new CreateTopicRequest("commandes-reçues", 1))),
                "'ç' is not allowed");
        contains(refused(Problem.BAD_REQUEST, () -> actions.topics().create(new CreateTopicRequest("..", 1))),
                "\"..\" cannot be a topic name");
        contains(refused(Problem.BAD_REQUEST, () -> actions.topics().create(new CreateTopicRequest("x".repeat(250), 1))),
                "250 characters long; Kafka allows at most 249");
        contains(refused(Problem.BAD_REQUEST, () -> actions.topics().create(new CreateTopicRequest("", 1))),
                "a topic needs a name");
    }

    @Test
    void aNameOfExactly249CharactersIsStillAllowed() {
        String name = Names.unique("long") + "-" + "x".repeat(249 - 14);
        assertEquals(249, name.length());

        assertEquals(249, actions.topics().create(new CreateTopicRequest(name, 1)).name().length());
    }

    @Test
    void zeroOrTooManyOrMissingPartitionsAreRefusedSayingTheRange() {
        String name = Names.unique("orders");

        contains(refused(Problem.BAD_REQUEST, () -> actions.topics().create(new CreateTopicRequest(name, 0))),
                "partitions must be between 1 and 64, got 0");
        contains(refused(Problem.BAD_REQUEST, () -> actions.topics().create(new CreateTopicRequest(name, 65))),
                "got 65", "every partition is a directory");
        contains(refused(Problem.BAD_REQUEST, () -> actions.topics().create(new CreateTopicRequest(name, null))),
                "\"partitions\" is missing");
    }

    @Test
    void creatingATopicThatExistsIsAConflictThatSaysHowToDeleteIt() {
        String name = Names.unique("orders");
        actions.topics().create(new CreateTopicRequest(name, 1));

        String message = refused(Problem.CONFLICT, () -> actions.topics().create(new CreateTopicRequest(name, 2)));

        contains(message, "topic \"" + name + "\" already exists", "DELETE /api/topics/" + name);
    }

    @Test
    void aNameThatDiffersFromAnExistingOneOnlyInDotVersusUnderscoreIsAConflict() {
        String base = Names.unique("orders");
        actions.topics().create(new CreateTopicRequest(base + ".eu", 1));

        String message = refused(Problem.CONFLICT, () -> actions.topics().create(new CreateTopicRequest(base + "_eu", 1)));

        contains(message, "collides with an existing topic", "metric names");
    }

    @Test
    void aDeletedTopicIsGoneFromTheCluster() {
        String name = Names.unique("orders");
        actions.topics().create(new CreateTopicRequest(name, 2));

        actions.topics().delete(name);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !admin.listTopics().names().get().contains(name));
    }

    @Test
    void deletingAnUnknownTopicIsNotFound() {
        String name = Names.unique("nothing");

        contains(refused(Problem.NOT_FOUND, () -> actions.topics().delete(name)), "no topic \"" + name + "\"");
    }

    @Test
    void kafkasInternalTopicsCannotBeDeletedAndTheRefusalSaysWhatTheyHold() throws Exception {
        String message = refused(Problem.FORBIDDEN, () -> actions.topics().delete("__consumer_offsets"));

        contains(message, "one of Kafka's internal topics", "committed offsets");
        contains(refused(Problem.FORBIDDEN, () -> actions.topics().delete("__my_private_topic")), "start", "\"__\"");
        // The refusal happened before Kafka was asked: groups still work.
        assertTrue(admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                .names().get().contains("__consumer_offsets"));
    }

    @Test
    void aBrokerThatDoesNotAnswerIsReportedAsUnavailableWithinSeconds() {
        String nobody = "127.0.0.1:" + FreePorts.next();
        try (KafkaActions offline = KafkaActions.open(new KafkaClients(nobody, Map.of()))) {
            long t0 = System.nanoTime();

            String message = refused(Problem.UNAVAILABLE,
                    () -> offline.topics().create(new CreateTopicRequest(Names.unique("orders"), 1)));

            assertEquals("Kafka at " + nobody + " is not answering; start it again and retry.", message);
            assertFalse(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(10)) > 0,
                    "reported within 10 s");
        }
    }
}
