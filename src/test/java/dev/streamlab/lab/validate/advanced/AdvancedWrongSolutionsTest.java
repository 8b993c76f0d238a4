package dev.streamlab.lab.validate.advanced;

import dev.streamlab.kafka.guarantees.Order;
import dev.streamlab.kafka.guarantees.Orders;
import dev.streamlab.lab.validate.Report;
import dev.streamlab.lab.validate.advanced.TestAggregator.Style;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.streamlab.lab.validate.advanced.AdvancedLab.assertPassed;
import static dev.streamlab.lab.validate.advanced.AdvancedLab.line;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Check my work" for the advanced challenge on programs written the way learners write them: a transactional worker
 * killed mid-batch passes every line; each typical mistake fails its own line with the hint that says what to change.
 */
class AdvancedWrongSolutionsTest {
    private static final String BOOTSTRAP = TestBroker.bootstrapServers();
    private static AdvancedLab lab;

    private String input;
    private String group;
    private String output;

    @BeforeAll
    static void startLab() {
        lab = new AdvancedLab(BOOTSTRAP);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @BeforeEach
    void ordersAreWaiting() {
        input = Names.unique("eos-orders");
        group = Names.unique("eos-aggregator");
        output = Names.unique("eos-totals");
        Kafka.createTopic(BOOTSTRAP, input, 3);
        Kafka.createTopic(BOOTSTRAP, output, 3);
        Orders.produce(lab.clients, input, Orders.generate(60, 4, 7));
    }

    private TestAggregator worker(Style style) {
        return new TestAggregator(BOOTSTRAP, input, group, output, style);
    }

    private Report check() {
        return lab.check(input, group, output);
    }

    @Test
    void aTransactionalWorkerKilledMidBatchAndRestartedPassesEveryLine() {
        TestAggregator worker = worker(Style.exactlyOnce());
        worker.killedAfterWriting(2);
        worker.runToEnd();

        Report report = check();

        assertTrue(report.passed(), AdvancedLab.describe(report));
        assertTrue(line(report, "transactional-output").evidence().stream()
                .anyMatch(e -> e.contains("transactional id \"" + group + "-tx\"")), AdvancedLab.describe(report));
        assertTrue(line(report, "survives-crash").evidence().stream()
                .anyMatch(e -> e.contains("belong to aborted transactions")), AdvancedLab.describe(report));
    }

    @Test
    void aPlainProducerWithConsumerCommitsIsToldToUseTransactions() {
        worker(new Style(false, false, Order::customer)).runToEnd();

        Report report = check();

        lab.assertFailed(report, "transactional-output", "not-transactional", "without a transactional id");
        lab.assertFailed(report, "offsets-in-transaction", "committed-outside", "no producer that wrote " + output);
    }

    @Test
    void offsetsCommittedByTheConsumerAfterTheTransactionAreToldToGoInsideIt() {
        worker(new Style(true, false, Order::customer)).runToEnd();

        Report report = check();

        assertPassed(report, "transactional-output");
        lab.assertFailed(report, "offsets-in-transaction", "committed-outside", "no producer that wrote " + output);
    }

    @Test
    void randomUuidKeysAreToldToUseAStableIdFromTheInput() {
        worker(Style.exactlyOnce().withKey(order -> UUID.randomUUID().toString())).runToEnd();

        Report report = check();

        assertPassed(report, "offsets-in-transaction");
        lab.assertFailed(report, "stable-keys", "random-key", "are neither an order id nor a customer");
    }

    @Test
    void recordsWithoutAKeyAreToldToKeyThem() {
        worker(Style.exactlyOnce().withKey(order -> null)).runToEnd();

        Report report = check();

        lab.assertFailed(report, "stable-keys", "no-key", "60 of 60 records in " + output + " have no key");
    }

    @Test
    void ordersKeyedByOrderIdAreStableKeysToo() {
        worker(Style.exactlyOnce().withKey(Order::orderId)).runToEnd();

        Report report = check();

        assertPassed(report, "stable-keys");
        assertTrue(line(report, "stable-keys").evidence().stream().anyMatch(e -> e.contains("keyed by the order id")),
                AdvancedLab.describe(report));
    }

    @Test
    void aWorkerThatWasNeverKilledIsToldHowToCrashIt() {
        worker(Style.exactlyOnce()).runToEnd();

        Report report = check();

        for (String requirement : List.of("transactional-output", "offsets-in-transaction", "stable-keys")) {
            assertPassed(report, requirement);
        }
        lab.assertFailed(report, "survives-crash", "no-crash", "no sign of a crash");
    }

    @Test
    void anAtLeastOnceWorkerKilledMidBatchIsShownAnOrderItWroteTwice() {
        TestAggregator worker = worker(new Style(false, false, Order::customer));
        worker.killedAfterWriting(2);
        worker.runToEnd();

        Report report = check();

        lab.assertFailed(report, "survives-crash", "duplicates", "times; ");
        assertTrue(line(report, "survives-crash").evidence().stream().anyMatch(e -> e.matches("order o-\\d{6} is in .*")),
                AdvancedLab.describe(report));
    }

    @Test
    void anEmptyOutputIsToldToRunTheProgramFirst() {
        Report report = check();

        lab.assertFailed(report, "transactional-output", "no-output", "holds no records");
        lab.assertFailed(report, "offsets-in-transaction", "no-offsets", group);
        lab.assertFailed(report, "survives-crash", "lost", "has no committed records");
    }

    @Test
    void theCatalogServesEveryCheckAndHintOfTheAdvancedChallenge() {
        List<String> problems = lab.catalog.problems(dev.streamlab.lab.QuestLoader.load(java.nio.file.Path.of("labs")))
                .stream().filter(p -> p.startsWith("advanced")).toList();

        assertTrue(problems.isEmpty(), problems.toString());
    }
}
