package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub's pacing rules, with fake clients whose pace the test controls and a fake clock. */
class LiveHubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HubSettings SETTINGS = new HubSettings(Duration.ofMillis(50), 2, 5, Duration.ofSeconds(10));

    private final AtomicLong nanos = new AtomicLong();
    private final FakeSources sources = new FakeSources();
    private final LiveHub hub = new LiveHub(sources, SETTINGS, JSON,
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC), nanos::get);

    @Test
    void aSubscriberGetsASnapshotThenOnlyTheEntriesThatChanged() {
        StateSubject topic = sources.addState("topic/orders");
        topic.update(Map.of("0", 10, "1", 20));
        FakeSink page = new FakeSink(true);
        LiveClient client = hub.connect(page);

        hub.receive(client, "{\"op\":\"subscribe\",\"ref\":\"r1\",\"subject\":\"topic\",\"topic\":\"orders\"}");
        hub.flush();
        topic.update(Map.of("0", 10, "1", 21));
        hub.flush();
        topic.update(Map.of("1", 21));
        hub.flush();

        List<JsonNode> parts = page.parts();
        assertEquals("subscribed", parts.get(0).get("type").asText());
        assertEquals("r1", parts.get(0).get("ref").asText());
        assertEquals("topic/orders", parts.get(0).get("subject").asText());
        assertEquals("snapshot", parts.get(1).get("type").asText());
        assertEquals(20, parts.get(1).get("entries").get("1").asInt());
        assertEquals("{\"1\":21}", parts.get(2).get("changed").toString());
        assertEquals("[]", parts.get(2).get("removed").toString());
        assertEquals("{}", parts.get(3).get("changed").toString());
        assertEquals("[\"0\"]", parts.get(3).get("removed").toString());
    }

    @Test
    void aBurstOfChangesBetweenTwoRoundsReachesTheClientAsOneFrameWithTheLatestState() {
        StateSubject topic = sources.addState("topic/orders");
        FakeSink page = new FakeSink(true);
        LiveClient client = hub.connect(page);
        hub.receive(client, "{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":\"orders\"}");
        hub.flush();
        int framesBefore = page.frames.size();

        IntStream.rangeClosed(1, 500).forEach(i -> topic.update(Map.of("0", i)));
        hub.flush();
        hub.flush();

        assertEquals(framesBefore + 1, page.frames.size(), "500 changes, one frame");
        JsonNode latest = page.parts().get(page.parts().size() - 1);
        assertEquals("snapshot", latest.get("type").asText(), "so far behind that a fresh snapshot is cheaper than a delta");
        assertEquals(500, latest.get("entries").get("0").asInt());
    }

    @Test
    void aQuietClientGetsNewRecordsAsSoonAsTheyArriveWithoutWaitingForATick() {
        RecordStream stream = sources.addRecords("records/read_uncommitted/orders");
        FakeSink page = new FakeSink(true);
        LiveClient client = hub.connect(page);
        hub.receive(client, "{\"op\":\"subscribe\",\"ref\":\"r1\",\"subject\":\"records\",\"topic\":\"orders\"}");
        hub.sendChanges(); // what the hub's thread runs when woken: no tick, and the clock does not move
        assertEquals("subscribed", page.parts().get(0).get("type").asText(), "the answer went at once too");

        stream.append(List.of(1));
        hub.sendChanges();
        stream.append(List.of(2, 3));
        hub.sendChanges();

        assertEquals(3, page.frames.size(), "one frame per arrival: nothing was in flight");
        assertEquals("[1]", page.parts().get(1).get("records").toString());
        assertEquals("[2,3]", page.parts().get(2).get("records").toString());
    }

    @Test
    void aRunningHubSendsAChangeWithoutWaitingForItsTick() {
        // A tick once an hour: only the wake-up on arrival can bring the record.
        HubSettings hourly = new HubSettings(Duration.ofHours(1), 2, 5, Duration.ofHours(2));
        RecordStream stream = sources.addRecords("records/read_uncommitted/orders");
        FakeSink page = new FakeSink(true);
        try (LiveHub running = new LiveHub(sources, hourly, JSON, Clock.systemUTC()).start()) {
            LiveClient client = running.connect(page);
            running.receive(client, "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"orders\"}");

            stream.append(List.of(42)); // on the test's thread, as a Kafka tail's would be

            await("the record, long before the first tick").atMost(Duration.ofSeconds(30))
                    .until(() -> page.parts().stream().anyMatch(p -> p.path("records").toString().equals("[42]")));
        }
    }

    @Test
    void updatesThatComeWhileAFrameIsOutstandingAreCoalescedIntoOneFrameOnTheTickAfterTheClientTookIt() {
        RecordStream stream = sources.addRecords("records/read_uncommitted/orders");
        FakeSink page = FakeSink.takingFramesWhenTold();
        LiveClient client = hub.connect(page);
        hub.receive(client, "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"orders\"}");
        hub.sendChanges();
        page.takeAll();

        stream.append(List.of(1));
        hub.sendChanges(); // [1] goes at once and stays in flight
        stream.append(List.of(2));
        hub.sendChanges();
        stream.append(List.of(3));
        hub.sendChanges();
        assertEquals(2, page.frames.size(), "nothing more while [1] is outstanding");

        page.takeAll();
        stream.append(List.of(4));
        hub.sendChanges();
        assertEquals(2, page.frames.size(), "it was busy a moment ago: it waits for the tick, one frame per interval");

        nanos.addAndGet(Duration.ofMillis(50).toNanos());
        hub.flush();
        assertEquals(3, page.frames.size());
        assertEquals("[2,3,4]", page.parts().get(2).get("records").toString(), "three updates, one frame");

        page.takeAll();
        nanos.addAndGet(Duration.ofMillis(50).toNanos());
        hub.flush(); // finds it drained
        stream.append(List.of(5));
        hub.sendChanges();
        assertEquals(4, page.frames.size(), "quiet again: at once");
        assertEquals("[5]", page.parts().get(3).get("records").toString());
    }

    @Test
    void underABurstABusyClientGetsAtMostOneFramePerIntervalAndAStalledOneNoMoreThanMayBeInFlight() {
        StateSubject topic = sources.addState("topic/orders");
        FakeSink busy = FakeSink.takingFramesWhenTold();
        FakeSink stalled = new FakeSink(false);
        LiveClient busyClient = hub.connect(busy);
        LiveClient stalledClient = hub.connect(stalled);
        for (LiveClient client : List.of(busyClient, stalledClient)) {
            hub.receive(client, "{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":\"orders\"}");
        }

        // 20 intervals of 50 changes each, the hub woken for every one; the busy page takes its frames only
        // just before each tick, as a page on a slow link would.
        int value = 0;
        for (int interval = 1; interval <= 20; interval++) {
            for (int i = 0; i < 50; i++) {
                topic.update(Map.of("0", ++value));
                hub.sendChanges();
            }
            busy.takeAll();
            nanos.addAndGet(Duration.ofMillis(50).toNanos());
            hub.flush();
        }

        assertEquals(21, busy.frames.size(), "the first change at once, then one frame per tick: 1,000 changes, 21 frames");
        assertEquals(2, stalled.frames.size(), "no more than may be in flight");
        JsonNode latest = busy.parts().get(busy.parts().size() - 1);
        assertEquals("snapshot", latest.get("type").asText(), "50 versions behind: a snapshot is cheaper than a delta");
        assertEquals(1000, latest.get("entries").get("0").asInt(), "coalesced, nothing lost: the latest state");
    }

    @Test
    void aStalledClientIsSkippedAndFinallyDisconnectedWhileTheOthersGetEveryRound() {
        StateSubject topic = sources.addState("topic/orders");
        FakeSink stalled = new FakeSink(false);
        FakeSink healthy = new FakeSink(true);
        LiveClient slow = hub.connect(stalled);
        LiveClient fast = hub.connect(healthy);
        for (LiveClient client : List.of(slow, fast)) {
            hub.receive(client, "{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":\"orders\"}");
        }

        for (int round = 1; round <= 100; round++) {
            topic.update(Map.of("0", round));
            nanos.addAndGet(Duration.ofMillis(50).toNanos());
            hub.flush();
        }

        assertEquals(2, stalled.frames.size(), "the stalled page got only as many frames as may be in flight");
        assertEquals(100, healthy.frames.size(), "the healthy page got a frame every round");
        assertFalse(slow.isClosed(), "5 s without progress is not yet a stall");

        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        hub.flush();

        assertTrue(slow.isClosed());
        assertTrue(stalled.aborted, "cut off without a close frame it would not read anyway");
        assertEquals(1, hub.droppedClients());
        assertEquals(1, hub.clientCount());
        assertEquals(1, sources.openSubscriptions.get("topic/orders").get(), "only the healthy page still holds the topic");
    }

    @Test
    void aClientThatFallsBehindARecordStreamSkipsToTheNewestAndIsToldHowManyItMissed() {
        RecordStream stream = sources.addRecords("records/read_uncommitted/orders");
        FakeSink page = new FakeSink(true);
        LiveClient client = hub.connect(page);
        hub.receive(client, "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"orders\"}");

        stream.append(IntStream.range(0, 12).boxed().toList());
        hub.flush();

        JsonNode records = page.parts().get(1);
        assertEquals("records", records.get("type").asText());
        assertEquals(7, records.get("skipped").asInt());
        assertEquals("[7,8,9,10,11]", records.get("records").toString());

        stream.append(List.of(12));
        hub.flush();
        JsonNode next = page.parts().get(2);
        assertEquals(0, next.get("skipped").asInt());
        assertEquals("[12]", next.get("records").toString());
    }

    @Test
    void aBrokenMessageIsAnsweredWithAnErrorAndTheConnectionStays() {
        FakeSink page = new FakeSink(true);
        LiveClient client = hub.connect(page);

        hub.receive(client, "not json");
        hub.receive(client, "{\"op\":\"subscribe\",\"ref\":\"r9\",\"subject\":\"weather\"}");
        hub.receive(client, "{\"op\":\"subscribe\",\"ref\":\"r10\",\"subject\":\"topic\"}");
        hub.flush();

        List<JsonNode> parts = page.parts();
        assertTrue(parts.get(0).get("error").asText().contains("could not read"), parts.get(0).toString());
        assertEquals("r9", parts.get(1).get("ref").asText());
        assertTrue(parts.get(1).get("error").asText().contains("use status, cluster, topic, group, records, consumers, playback, pipelines, guarantees, board, steps or running"));
        assertTrue(parts.get(2).get("error").asText().contains("needs a \"topic\""));
        assertFalse(client.isClosed());
    }

    @Test
    void unsubscribingOrLeavingReleasesWhatTheClientWatched() {
        sources.addState("topic/orders");
        sources.addState("cluster");
        FakeSink page = new FakeSink(true);
        LiveClient client = hub.connect(page);
        hub.receive(client, "{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":\"orders\"}");
        hub.receive(client, "{\"op\":\"subscribe\",\"subject\":\"cluster\"}");
        assertEquals(1, sources.openSubscriptions.get("cluster").get());

        hub.receive(client, "{\"op\":\"unsubscribe\",\"subject\":\"topic/orders\"}");
        assertEquals(0, sources.openSubscriptions.get("topic/orders").get());
        hub.sendChanges(); // the answers
        sources.states.get("topic/orders").update(Map.of("0", 1));
        assertFalse(client.changed.get(), "a subject it let go of no longer wakes the hub for it");
        hub.disconnect(client);
        assertEquals(0, sources.openSubscriptions.get("cluster").get());
        assertEquals(0, hub.clientCount());
    }

    @Test
    void anUnsubscribeByRefLetsGoOfThatPartOnlyAndMaySendBeforeTheSubscribeWasAnswered() {
        sources.addRecords("records/read_uncommitted/orders");
        FakeSink page = new FakeSink(true);
        LiveClient client = hub.connect(page);
        String subscribe = "{\"op\":\"subscribe\",\"ref\":\"%s\",\"subject\":\"records\",\"topic\":\"orders\"}";
        hub.receive(client, subscribe.formatted("r1"));
        hub.receive(client, subscribe.formatted("r2"));
        hub.receive(client, "{\"op\":\"unsubscribe\",\"ref\":\"r1\"}"); // before any frame went out
        assertEquals(1, sources.openSubscriptions.get("records/read_uncommitted/orders").get(), "r2 still watches it");

        hub.receive(client, "{\"op\":\"unsubscribe\",\"ref\":\"r2\"}");
        assertEquals(0, sources.openSubscriptions.get("records/read_uncommitted/orders").get());
        hub.receive(client, "{\"op\":\"unsubscribe\",\"ref\":\"r2\"}");
        hub.flush();
        JsonNode last = page.parts().get(page.parts().size() - 1);
        assertEquals("r2", last.get("ref").asText());
        assertTrue(last.get("error").asText().contains("nothing is subscribed with ref"), last.toString());
    }

    @Test
    void aClientSubscribedTwiceToTheSameSubjectHoldsItOnceAndGetsTheWholeStateAgain() {
        sources.addState("cluster").update(Map.of("status", "up"));
        FakeSink page = new FakeSink(true);
        LiveClient client = hub.connect(page);
        hub.receive(client, "{\"op\":\"subscribe\",\"subject\":\"cluster\"}");
        hub.flush();
        hub.receive(client, "{\"op\":\"subscribe\",\"subject\":\"cluster\"}");
        hub.flush();

        assertEquals(1, sources.openSubscriptions.get("cluster").get());
        assertEquals(2, page.parts().stream().filter(p -> p.get("type").asText().equals("snapshot")).count(),
                "the second part of the page that watches it needs a snapshot too");
    }

    @Test
    void nothingNewMeansNoFrame() {
        sources.addState("cluster").update(Map.of("status", "up"));
        FakeSink page = new FakeSink(true);
        LiveClient client = hub.connect(page);
        hub.receive(client, "{\"op\":\"subscribe\",\"subject\":\"cluster\"}");
        hub.flush();
        int frames = page.frames.size();

        hub.flush();
        hub.flush();

        assertEquals(frames, page.frames.size());
    }

    /** Sources whose subjects the test updates by hand, counting open subscriptions. */
    private static final class FakeSources implements LiveSources {
        final Map<String, StateSubject> states = new HashMap<>();
        final Map<String, RecordStream> streams = new HashMap<>();
        final Map<String, AtomicInteger> openSubscriptions = new HashMap<>();

        StateSubject addState(String key) {
            openSubscriptions.put(key, new AtomicInteger());
            return states.computeIfAbsent(key, k -> new StateSubject(k, JSON, () -> null));
        }

        RecordStream addRecords(String key) {
            openSubscriptions.put(key, new AtomicInteger());
            return streams.computeIfAbsent(key, k -> new RecordStream(k, JSON, 100));
        }

        @Override
        public Opened<StateSubject> state(String subject) throws LiveRequestException {
            StateSubject state = states.get(subject);
            if (state == null) {
                throw new LiveRequestException("no such subject " + subject);
            }
            return new Opened<>(state, 0, counted(subject));
        }

        @Override
        public Opened<RecordStream> steps(String run) throws LiveRequestException {
            throw new LiveRequestException("no playback here");
        }

        @Override
        public Opened<RecordStream> records(String topic, String isolation, String from) {
            String key = "records/" + isolation + "/" + topic;
            return new Opened<>(streams.get(key), 0, counted(key));
        }

        private AutoCloseable counted(String key) {
            AtomicInteger open = openSubscriptions.get(key);
            open.incrementAndGet();
            return open::decrementAndGet;
        }
    }

    /** A page: takes every frame at once, never (a stalled tab), or when the test says so (a slow link). */
    private static final class FakeSink implements LiveSink {
        private final boolean takesFrames;
        /** Read by the test while a running hub's thread adds to it. */
        final List<String> frames = new CopyOnWriteArrayList<>();
        private final List<Runnable> outstanding = new ArrayList<>();
        private boolean whenTold;
        int closeCode;
        String closeReason;
        boolean aborted;

        FakeSink(boolean takesFrames) {
            this.takesFrames = takesFrames;
        }

        static FakeSink takingFramesWhenTold() {
            FakeSink sink = new FakeSink(false);
            sink.whenTold = true;
            return sink;
        }

        @Override
        public void send(String frame, Runnable done, Consumer<Throwable> failed) {
            frames.add(frame);
            if (takesFrames) {
                done.run();
            } else if (whenTold) {
                outstanding.add(done);
            }
        }

        /** The page takes every frame sent so far. */
        void takeAll() {
            List<Runnable> taken = List.copyOf(outstanding);
            outstanding.clear();
            taken.forEach(Runnable::run);
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
            closeReason = reason;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        List<JsonNode> parts() {
            List<JsonNode> parts = new ArrayList<>();
            for (String frame : frames) {
                try {
                    JSON.readTree(frame).get("parts").forEach(parts::add);
                } catch (Exception e) {
                    throw new AssertionError(frame, e);
                }
            }
            return parts;
        }
    }
}
