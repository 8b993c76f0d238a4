package dev.streamlab.web.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The push channel of every page. Clients subscribe to subjects; one thread, the hub's, sends each client frames
 * holding everything new since its last one.
 *
 * <p>When a subject changes, it wakes that thread (it never sends from the thread that made the change, a Kafka tail
 * or the monitor): a client with nothing in flight gets a frame at once, so a quiet page sees a record within
 * milliseconds instead of on the next tick. Changes that come while one round runs are taken by the next, so under a
 * flood of changes rounds run back to back and each frame holds more.
 *
 * <p>A client that still has a frame outstanding when data comes is coalescing: its updates wait for the tick, every
 * {@link HubSettings#flushInterval()}, which sends it one frame holding all of them, so a busy client gets at most
 * one frame per interval as before. It is back to frames at once when a tick finds nothing in flight.
 *
 * <p>Sends never block: a client with {@link HubSettings#maxInFlight()} frames not yet taken is skipped (its updates
 * keep coalescing) and, after {@link HubSettings#stallTimeout()}, disconnected. Nobody waits for it.
 */
public final class LiveHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    /** A page watches a handful of things; a client asking for more is broken or hostile. */
    static final int MAX_SUBSCRIPTIONS = 32;
    /** Answers (subscribed, errors) waiting for a page's next frame; a page asks a few things at a time. */
    static final int MAX_PENDING_REPLIES = 256;

    private final LiveSources sources;
    private final HubSettings settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Map<String, LiveClient> clients = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** A round for changes is queued and has not started: more changes need no other. */
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService ticker;

    public LiveHub(LiveSources sources, HubSettings settings, ObjectMapper json, Clock clock) {
        this(sources, settings, json, clock, System::nanoTime);
    }

    LiveHub(LiveSources sources, HubSettings settings, ObjectMapper json, Clock clock, LongSupplier nanoTime) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Starts the hub's thread: its ticks, and the rounds changes wake it for. */
    public synchronized LiveHub start() {
        if (ticker == null) {
            ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "streamlab-live-hub");
                t.setDaemon(true);
                return t;
            });
            long every = settings.flushInterval().toNanos();
            // Fixed rate: a round that takes a while (many clients) does not stretch the pace of the next ones.
            thread.scheduleAtFixedRate(this::flushSafely, every, every, TimeUnit.NANOSECONDS);
            ticker = thread;
            wake(); // whatever came before the thread was there
        }
        return this;
    }

    public LiveClient connect(LiveSink sink) {
        LiveClient client = new LiveClient("c" + nextId.incrementAndGet(), sink, nanoTime.getAsLong());
        clients.put(client.id(), client);
        return client;
    }

    /**
     * Handles one message from a page; a bad one is answered with an error part, never with a dropped connection.
     * Whatever goes wrong while handling it (a bug of the lab's included) becomes that error part, so one message
     * cannot close a page's channel.
     */
    public void receive(LiveClient client, String message) {
        ClientRequest request = null;
        try {
            request = read(message);
            request.check();
            String op = request.op() == null ? "" : request.op();
            switch (op) {
                case "subscribe" -> subscribe(client, request);
                case "unsubscribe" -> unsubscribe(client, request);
                default -> throw new LiveRequestException("unknown op \"" + op + "\": use subscribe or unsubscribe");
            }
        } catch (LiveRequestException e) {
            error(client, request, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("live client {}: a message failed; it was answered with an error", client.id(), e);
            error(client, request, "the lab failed to handle this message (its console has the details); "
                    + "the connection stays open");
        }
    }

    private ClientRequest read(String message) throws LiveRequestException {
        JsonNode tree;
        try {
            tree = json.readTree(message);
        } catch (JsonProcessingException e) {
            throw new LiveRequestException(NOT_READ + "it is not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new LiveRequestException(NOT_READ + "it is JSON but not an object");
        }
        try {
            return json.treeToValue(tree, ClientRequest.class);
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(0).getFieldName() : null;
            throw new LiveRequestException(NOT_READ + (field == null ? "a field has the wrong type"
                    : "\"" + (field.length() > 40 ? field.substring(0, 40) + "..." : field) + "\" must be a string"));
        }
    }

    private static final String NOT_READ = "the lab could not read this message: send a JSON object like "
            + "{\"op\":\"subscribe\",\"ref\":\"r1\",\"subject\":\"cluster\"}, but ";

    /** The same part a refused subscription always got: {@code {"type":"error","ref":...,"error":...}}. */
    private void error(LiveClient client, ClientRequest request, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        String ref = request == null ? null : request.ref();
        error.put("ref", ref != null && ref.length() <= ClientRequest.MAX_REF ? ref : null);
        error.put("error", message);
        reply(client, error);
    }

    private void subscribe(LiveClient client, ClientRequest request) throws LiveRequestException {
        String key = request.key();
        String ref = holder(request);
        Subscription existing = client.subscriptions.get(key);
        if (existing != null) {
            if (!existing.hold(ref, MAX_SUBSCRIPTIONS)) {
                throw new LiveRequestException("at most " + MAX_SUBSCRIPTIONS + " parts of a page may watch " + key
                        + "; unsubscribe some first");
            }
            // Another part of the page watches it too: it needs the whole state, not the next delta.
            existing.resendSnapshot();
            changed(client);
            acknowledge(client, request, key);
            return;
        }
        if (client.subscriptions.size() >= MAX_SUBSCRIPTIONS) {
            throw new LiveRequestException("a page may watch at most " + MAX_SUBSCRIPTIONS + " subjects; unsubscribe some first");
        }
        Subscription subscription;
        if (request.subject().equals("records") || request.subject().equals("steps")) {
            LiveSources.Opened<RecordStream> opened = request.subject().equals("steps") ? sources.steps(request.run())
                    : sources.records(request.topic(), request.isolationOrDefault(), request.isLive() ? "end" : request.from());
            subscription = new Subscription.Records(opened.subject(), opened.startAt(), opened.release());
        } else {
            LiveSources.Opened<StateSubject> opened = sources.state(key);
            subscription = new Subscription.State(opened.subject(), opened.release());
        }
        subscription.hold(ref, MAX_SUBSCRIPTIONS);
        // Before it is the client's: a disconnect that releases it then stops the watching too.
        subscription.watch(() -> changed(client));
        Subscription previous = client.subscriptions.put(key, subscription);
        if (previous != null) {
            previous.release();
        }
        if (client.isClosed()) { // closed while we opened: give it back
            release(client);
            return;
        }
        acknowledge(client, request, key);
    }

    private void acknowledge(LiveClient client, ClientRequest request, String key) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("type", "subscribed");
        ack.put("ref", request.ref());
        ack.put("subject", key);
        reply(client, ack);
    }

    /** Who holds a subscription: the subscribe's ref, or "" for a client that sends none. */
    private static String holder(ClientRequest request) {
        return request.ref() == null ? "" : request.ref();
    }

    /**
     * By ref: that part of the page lets go, and the subscription ends with its last holder. A page may send it
     * before the subscribe was answered: messages are handled in order, so the subscribe came first. By subject key
     * (no ref): the subscription ends whoever holds it.
     */
    private void unsubscribe(LiveClient client, ClientRequest request) throws LiveRequestException {
        if (request.ref() != null) {
            String ref = request.ref();
            for (Map.Entry<String, Subscription> entry : client.subscriptions.entrySet()) {
                Subscription subscription = entry.getValue();
                if (subscription.heldBy(ref)) {
                    if (subscription.letGo(ref) && client.subscriptions.remove(entry.getKey(), subscription)) {
                        subscription.release();
                    }
                    return;
                }
            }
            throw new LiveRequestException("nothing is subscribed with ref \"" + ref + "\"");
        }
        String key = request.subject();
        Subscription subscription = key == null ? null : client.subscriptions.remove(key);
        if (subscription == null) {
            throw new LiveRequestException("not subscribed to \"" + key + "\"");
        }
        subscription.release();
    }

    private void reply(LiveClient client, Map<String, ?> part) {
        if (client.replies.size() >= MAX_PENDING_REPLIES) {
            // A page that sends faster than it reads its answers would grow this queue without end.
            LOG.info("closed live client {}: {} answers to its requests were still unread", client.id(), MAX_PENDING_REPLIES);
            disconnect(client);
            client.sink().close(1008, "this page sent more than " + MAX_PENDING_REPLIES
                    + " requests whose answers it has not read yet");
            return;
        }
        try {
            client.replies.add(json.writeValueAsString(part));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        changed(client);
    }

    /**
     * Something is new for {@code client}: the hub's thread is woken to send it. Called by whatever thread made the
     * change, so it only marks the client and queues a round; it never sends and never blocks.
     */
    private void changed(LiveClient client) {
        client.changed.set(true);
        wake();
    }

    private void wake() {
        ScheduledExecutorService thread = ticker;
        if (thread != null && wakeQueued.compareAndSet(false, true)) {
            try {
                thread.execute(this::sendChangesSafely);
            } catch (RejectedExecutionException e) {
                // closed: nobody is left to send to
            }
        }
    }

    /** The page went away: its subscriptions are released at once. */
    public void disconnect(LiveClient client) {
        client.closed.set(true);
        clients.remove(client.id());
        release(client);
    }

    private static void release(LiveClient client) {
        for (String key : List.copyOf(client.subscriptions.keySet())) {
            Subscription subscription = client.subscriptions.remove(key);
            if (subscription != null) {
                subscription.release();
            }
        }
    }

    public int clientCount() {
        return clients.size();
    }

    /** Clients cut off for taking no updates for too long, since start. */
    public long droppedClients() {
        return dropped.get();
    }

    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("live update round failed; the next one retries", e);
        }
    }

    private void sendChangesSafely() {
        try {
            sendChanges();
        } catch (RuntimeException e) {
            LOG.warn("live round for new changes failed; the next tick retries", e);
        }
    }

    /**
     * The round a change wakes the hub's thread for: each client with something new gets it at once if it has
     * nothing in flight; one with a frame outstanding starts coalescing until a tick finds it drained.
     */
    void sendChanges() {
        // Cleared first: a change from now on queues the next round, so none is left waiting for a tick.
        wakeQueued.set(false);
        for (LiveClient client : clients.values()) {
            if (client.coalescing || !client.changed.get()) {
                continue;
            }
            if (client.inFlight.get() > 0) {
                client.coalescing = true;
                continue;
            }
            sendNew(client);
        }
    }

    /**
     * A tick, every flush interval: every client that can take a frame gets everything new in one frame, whether it
     * was coalescing or its change was missed; a stalled client is cut off.
     */
    void flush() {
        long now = nanoTime.getAsLong();
        for (LiveClient client : clients.values()) {
            if (client.inFlight.get() >= settings.maxInFlight()) {
                if (now - client.lastProgressNanos.get() > settings.stallTimeout().toNanos()) {
                    dropped.incrementAndGet();
                    LOG.info("dropped live client {}: it took no updates for {} s", client.id(),
                            settings.stallTimeout().toSeconds());
                    disconnect(client);
                    client.sink().abort();
                }
                continue;
            }
            if (client.inFlight.get() == 0) {
                client.lastProgressNanos.set(now);
                client.coalescing = false; // it drained within an interval: frames go at once again
            }
            sendNew(client);
        }
    }

    private void sendNew(LiveClient client) {
        // Cleared before reading: a change while the frame is built marks the client for the next round.
        client.changed.set(false);
        String frame = frameFor(client);
        if (frame != null) {
            send(client, frame);
        }
    }

    private String frameFor(LiveClient client) {
        List<String> parts = new ArrayList<>();
        for (String reply; (reply = client.replies.poll()) != null; ) {
            parts.add(reply);
        }
        for (Subscription subscription : client.subscriptions.values()) {
            String part = subscription.nextPart(settings.maxRecordsPerFrame());
            if (part != null) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        StringBuilder frame = new StringBuilder(64 + parts.stream().mapToInt(String::length).sum());
        frame.append("{\"at\":").append(clock.millis()).append(",\"parts\":[");
        for (int i = 0; i < parts.size(); i++) {
            frame.append(i == 0 ? "" : ",").append(parts.get(i));
        }
        return frame.append("]}").toString();
    }

    private void send(LiveClient client, String frame) {
        client.inFlight.incrementAndGet();
        client.framesSent.incrementAndGet();
        client.sink().send(frame, () -> {
            client.inFlight.decrementAndGet();
            client.lastProgressNanos.set(nanoTime.getAsLong());
        }, failure -> {
            client.inFlight.decrementAndGet();
            disconnect(client);
        });
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        for (LiveClient client : List.copyOf(clients.values())) {
            disconnect(client);
            client.sink().close(1001, "the lab is shutting down");
        }
    }
}
