package dev.streamlab.kafka.tail;

import dev.streamlab.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Live tails shared by every watcher of the same (topic, isolation): one {@link RecordTail} from
 * {@code End(recentPerTopic)} however many subscribe, opened by the first subscription and closed with the last.
 *
 * <p>Each shared tail keeps the {@code recentPerTopic} records it delivered last. A new subscriber's listener first
 * receives those as one batch (its snapshot; nothing when there are none yet), synchronously before
 * {@link #subscribe} returns, then every later batch exactly once. Calls to the listeners of one shared tail never
 * overlap and come in delivery order, on the tail's thread; they should be quick (hand the batch to a queue), since
 * a slow listener delays the others. A listener that throws is logged and keeps its subscription.
 *
 * <p>Problems work as in {@link RecordTail}: a subscriber's {@code problems} callback hears the current problem when
 * it subscribes (if there is one), then every change, {@code null} meaning "over". After a tail stopped by itself
 * (its topic was deleted) the next {@link #subscribe} opens a fresh one, or throws {@link TailException} if the
 * topic is still missing. Thread-safe.
 */
public final class LiveTails implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTails.class);

    private final KafkaClients clients;
    private final int recentPerTopic;
    private final Map<Key, Shared> shared = new HashMap<>();
    private boolean closed;

    /** Shares tails that start {@code recentPerTopic} records before the end and keep that many for newcomers. */
    public LiveTails(KafkaClients clients, int recentPerTopic) {
        this.clients = Objects.requireNonNull(clients, "clients");
        if (recentPerTopic < 0) {
            throw new IllegalArgumentException("recentPerTopic is 0 or more, got " + recentPerTopic);
        }
        this.recentPerTopic = recentPerTopic;
    }

    /** Watches {@code topic} without hearing about problems; see {@link #subscribe(String, Isolation, Consumer, Consumer)}. */
    public Subscription subscribe(String topic, Isolation isolation, Consumer<TailBatch> listener) {
        return subscribe(topic, isolation, listener, problem -> { });
    }

    /**
     * Watches {@code topic}: the listener gets the recent records, then each new batch, until the subscription is
     * closed. Throws {@link TailException} when the topic does not exist or Kafka does not answer.
     */
    public Subscription subscribe(String topic, Isolation isolation, Consumer<TailBatch> listener,
                                  Consumer<String> problems) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(problems, "problems");
        Key key = new Key(topic, isolation);
        Shared tail;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the live tails are closed");
            }
            tail = shared.computeIfAbsent(key, Shared::new);
            tail.references++;
        }
        try {
            return tail.join(listener, problems);
        } catch (RuntimeException e) {
            release(tail);
            throw e;
        }
    }

    /** The records a newcomer to (topic, isolation) would get first: oldest first, none when nobody watches it. */
    public List<TailRecord> recent(String topic, Isolation isolation) {
        Shared tail;
        synchronized (this) {
            tail = shared.get(new Key(topic, isolation));
        }
        return tail == null ? List.of() : tail.recent();
    }

    /** Whether anybody holds the shared tail of (topic, isolation), opened or still opening. */
    public synchronized boolean watches(String topic, Isolation isolation) {
        return shared.containsKey(new Key(topic, isolation));
    }

    /** How many shared tails (and so Kafka consumers) are open right now. */
    public int openTails() {
        List<Shared> all;
        synchronized (this) {
            all = new ArrayList<>(shared.values());
        }
        // Never a shared tail's lock inside ours: its listeners may call us while holding it.
        return (int) all.stream().filter(Shared::isOpen).count();
    }

    /** Closes every shared tail; later subscriptions are refused, closing old ones does nothing. */
    @Override
    public void close() {
        List<Shared> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(shared.values());
            shared.clear();
        }
        all.forEach(Shared::shutDown);
    }

    private void release(Shared tail) {
        boolean last;
        synchronized (this) {
            last = --tail.references == 0;
            if (last) {
                shared.remove(tail.key, tail);
            }
        }
        if (last) {
            // Outside our lock: closing joins the tail's thread, which may be waiting to call a listener.
            tail.shutDown();
        }
    }

    private record Key(String topic, Isolation isolation) {
    }

    private record Member(Consumer<TailBatch> listener, Consumer<String> problems) {
    }

    /** One shared tail, its recent records and its subscribers; its own lock orders every listener call. */
    private final class Shared {
        private final Key key;
        private int references; // guarded by LiveTails.this
        private final ArrayDeque<TailRecord> recent = new ArrayDeque<>();
        private final List<Member> members = new ArrayList<>();
        private RecordTail tail;
        private String problem;
        private boolean shutDown;

        Shared(Key key) {
            this.key = key;
        }

        synchronized Subscription join(Consumer<TailBatch> listener, Consumer<String> problems) {
            if (shutDown) {
                throw new IllegalStateException("the live tails are closed");
            }
            if (tail == null || !tail.isRunning()) {
                if (tail != null) {
                    tail.close();
                    recent.clear();
                    problem = null;
                }
                tail = null;
                tail = RecordTail.open(clients, key.topic(), key.isolation(), new StartPosition.End(recentPerTopic),
                        this::deliver, this::report);
            }
            Member member = new Member(listener, problems);
            List<TailRecord> snapshot = List.copyOf(recent);
            if (!snapshot.isEmpty()) {
                call(listener, new TailBatch(key.topic(), key.isolation(), snapshot));
            }
            if (problem != null) {
                call(problems, problem);
            }
            members.add(member);
            return new Subscription(this, member, snapshot);
        }

        synchronized void leave(Member member) {
            members.remove(member);
        }

        synchronized List<TailRecord> recent() {
            return List.copyOf(recent);
        }

        synchronized boolean isOpen() {
            return tail != null && tail.isRunning();
        }

        private synchronized void deliver(TailBatch batch) {
            for (TailRecord record : batch.records()) {
                if (recentPerTopic == 0) {
                    break;
                }
                if (recent.size() == recentPerTopic) {
                    recent.removeFirst();
                }
                recent.addLast(record);
            }
            for (Member member : List.copyOf(members)) {
                call(member.listener(), batch);
            }
        }

        private synchronized void report(String newProblem) {
            problem = newProblem;
            for (Member member : List.copyOf(members)) {
                call(member.problems(), newProblem);
            }
        }

        private <T> void call(Consumer<T> callback, T value) {
            try {
                callback.accept(value);
            } catch (RuntimeException e) {
                LOG.warn("A listener of the live tail of {} ({}) failed; it stays subscribed", key.topic(),
                        key.isolation().kafkaName(), e);
            }
        }

        /** Stops the tail for good; waits for its thread without holding any lock the thread may need. */
        void shutDown() {
            RecordTail stopping;
            synchronized (this) {
                shutDown = true;
                members.clear();
                stopping = tail;
                tail = null;
            }
            if (stopping != null) {
                stopping.close();
            }
        }
    }

    /** One watcher's share of a live tail; close it when the watcher leaves (closing twice does nothing). */
    public final class Subscription implements AutoCloseable {
        private final Shared tail;
        private final Member member;
        private final List<TailRecord> snapshot;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Subscription(Shared tail, Member member, List<TailRecord> snapshot) {
            this.tail = tail;
            this.member = member;
            this.snapshot = snapshot;
        }

        public String topic() {
            return tail.key.topic();
        }

        public Isolation isolation() {
            return tail.key.isolation();
        }

        /** The recent records the listener received first, when it subscribed (empty when there were none). */
        public List<TailRecord> snapshot() {
            return snapshot;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                tail.leave(member);
                release(tail);
            }
        }
    }
}
