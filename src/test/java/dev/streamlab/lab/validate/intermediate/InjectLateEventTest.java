package dev.streamlab.lab.validate.intermediate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.lab.validate.PageActionHandler;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The challenge page's "Inject a late event": one event, 90 s before the newest, in the newest event's partition and
 * with its key, written in the topic's own time format, that the checks then see as late.
 */
class InjectLateEventTest {
    private final String topic = Names.unique("timed-orders");

    @Test
    void itProducesOneEventNinetySecondsBeforeTheNewestRightAfterItInItsPartition() throws Exception {
        Kafka.createTopic(Bench.BOOTSTRAP, topic, 3);
        Orders.to(topic).at(5, "cust-1").at(10, "cust-2").at(185.25, "cust-1").produce();

        PageActionHandler.Outcome outcome = Bench.injectLateEvent(topic);

        List<ConsumerRecord<String, String>> all = Kafka.readAll(Bench.BOOTSTRAP, topic, "read_committed");
        assertEquals(4, all.size());
        ConsumerRecord<String, String> newest = all.stream().filter(r -> r.value().contains("\"order_id\":2"))
                .findFirst().orElseThrow();
        ConsumerRecord<String, String> late = all.stream().filter(r -> r.value().contains("\"late\":true"))
                .findFirst().orElseThrow();
        assertEquals(newest.partition(), late.partition());
        assertEquals(newest.offset() + 1, late.offset());
        assertEquals("cust-1", late.key());
        JsonNode value = InputEvents.JSON.readTree(late.value());
        assertEquals(Orders.T0 + 95.25, value.get("event_time").asDouble(), 0.0001);
        assertEquals(3, value.get("order_id").asInt(), "a fresh order id");
        assertEquals("cust-1", value.get("customer").asText(), "the other fields copied");
        assertEquals(late.offset(), ((Number) outcome.details().get("offset")).longValue());
        assertTrue(outcome.message().startsWith("Produced a late event to " + topic + " partition " + late.partition()
                + " at offset " + late.offset() + ": event_time " + Window.clock((Orders.T0 + 95) * 1000)
                + ", while the newest event is " + Window.clock((Orders.T0 + 185) * 1000)
                + "; it belongs in window " + new Window((Orders.T0 + 60) * 1000, (Orders.T0 + 120) * 1000)),
                outcome.message());
    }

    @Test
    void theChecksSeeTheInjectedEventAsLate() {
        Kafka.createTopic(Bench.BOOTSTRAP, topic, 3);
        Orders.to(topic).at("cust-1", 5, 70, 130).produce();
        String output = Names.unique("order-counts");
        Counters.byEventTime(topic, output);
        assertTrue(Bench.line(Bench.check(topic, output), "late-event").evidence().get(0).startsWith("none of the 3"));

        PageActionHandler.Outcome outcome = Bench.injectLateEvent(topic);
        String recount = Names.unique("order-counts");
        Counters.byEventTime(topic, recount);

        var report = Bench.check(topic, recount);
        assertTrue(report.passed(), report.toString());
        assertTrue(Bench.evidenceMentions(report, "late-event", "offset " + outcome.details().get("offset")),
                report.toString());
    }

    @Test
    void millisecondsAndIsoTextAreWrittenBackInTheirOwnFormat() throws Exception {
        Kafka.createTopic(Bench.BOOTSTRAP, topic, 1);
        long newest = (Orders.T0 + 130) * 1000;
        Orders orders = Orders.to(topic);
        orders.with("cust-1", orders.event("cust-1").put("event_time", newest)).produce();
        String iso = Names.unique("iso-orders");
        Kafka.createTopic(Bench.BOOTSTRAP, iso, 1);
        Orders isoOrders = Orders.to(iso);
        isoOrders.with("cust-1", isoOrders.event("cust-1").put("event_time",
                java.time.Instant.ofEpochMilli(newest).toString())).produce();

        PageActionHandler.Outcome millis = Bench.injectLateEvent(topic);
        PageActionHandler.Outcome text = Bench.injectLateEvent(iso);

        JsonNode millisValue = InputEvents.JSON.readTree((String) millis.details().get("value"));
        assertEquals(newest - 90_000, millisValue.get("event_time").asLong());
        assertEquals(String.valueOf((Orders.T0 + 0) * 1000), millis.details().get("window_start"));
        JsonNode textValue = InputEvents.JSON.readTree((String) text.details().get("value"));
        assertEquals(java.time.Instant.ofEpochMilli(newest - 90_000).toString(), textValue.get("event_time").asText());
        assertEquals(java.time.Instant.ofEpochSecond(Orders.T0 + 60).toString(), text.details().get("window_end"));
    }

    @Test
    void aTopicThatIsMissingOrHasNoEventTimeIsToldToProduceFirst() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Bench.injectLateEvent(topic));
        assertTrue(missing.getMessage().contains("There is no topic " + topic + " yet. Produce a few events"),
                missing.getMessage());

        Kafka.createTopic(Bench.BOOTSTRAP, topic, 1);
        Orders.to(topic).withValue("cust-1", "{\"order_id\": 1}").produce();
        IllegalArgumentException noTime = assertThrows(IllegalArgumentException.class,
                () -> Bench.injectLateEvent(topic));
        assertTrue(noTime.getMessage().startsWith(topic + " has no events with an event_time yet"), noTime.getMessage());
    }
}
