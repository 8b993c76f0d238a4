package dev.streamlab.web.live;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One subject one client watches, and how far that client has got; its position is touched only by the hub's flush
 * thread. Several parts of a page may watch one subject: each holds it by the ref of its subscribe, and the
 * subscription ends when the last ref lets go.
 */
abstract sealed class Subscription permits Subscription.State, Subscription.Records {
    private final AutoCloseable release;
    private final Set<String> refs = ConcurrentHashMap.newKeySet();
    private volatile AutoCloseable watching = () -> { };

    private Subscription(AutoCloseable release) {
        this.release = Objects.requireNonNull(release, "release");
    }

    abstract String key();

    /** Runs {@code onChange} whenever the subject has something new, until {@link #release()}; called once. */
    void watch(Runnable onChange) {
        watching = watchSubject(onChange);
    }

    abstract AutoCloseable watchSubject(Runnable onChange);

    /** The frame part that brings the client up to date, or null when it already is; advances the client's position. */
    abstract String nextPart(int maxRecords);

    /** Adds a holder ({@code ""} for a subscribe without ref); false when {@code max} parts hold it already. */
    boolean hold(String ref, int max) {
        return refs.contains(ref) || (refs.size() < max && refs.add(ref));
    }

    boolean heldBy(String ref) {
        return refs.contains(ref);
    }

    /** Removes a holder; true when nobody holds the subscription any more. */
    boolean letGo(String ref) {
        refs.remove(ref);
        return refs.isEmpty();
    }

    /** The next part is a snapshot again (state); records just go on. */
    void resendSnapshot() {
    }

    void release() {
        try {
            watching.close();
        } catch (Exception ignored) {
            // removing a watcher from a list does not fail
        }
        try {
            release.close();
        } catch (Exception ignored) {
            // a source that fails to close must not keep the client's other subscriptions open
        }
    }

    /** A keyed state: snapshot first, then deltas. */
    static final class State extends Subscription {
        private final StateSubject subject;
        private long sentVersion = -1;
        private volatile boolean resend;

        @Override
        void resendSnapshot() {
            resend = true;
        }

        State(StateSubject subject, AutoCloseable release) {
            super(release);
            this.subject = Objects.requireNonNull(subject, "subject");
        }

        @Override
        String key() {
            return subject.key();
        }

        @Override
        AutoCloseable watchSubject(Runnable onChange) {
            return subject.watch(onChange);
        }

        @Override
        String nextPart(int maxRecords) {
            long version = subject.version();
            boolean again = resend;
            if (version == sentVersion && !again) {
                return null;
            }
            resend = false;
            String part = sentVersion < 0 || again ? subject.snapshot() : subject.partSince(sentVersion);
            sentVersion = version;
            return part;
        }
    }

    /** A record stream: whatever arrived since the cursor, newest first when there is too much. */
    static final class Records extends Subscription {
        private final RecordStream stream;
        private long cursor;
        private long sentProblemVersion;

        Records(RecordStream stream, long cursor, AutoCloseable release) {
            super(release);
            this.stream = Objects.requireNonNull(stream, "stream");
            this.cursor = cursor;
        }

        @Override
        String key() {
            return stream.key();
        }

        @Override
        AutoCloseable watchSubject(Runnable onChange) {
            return stream.watch(onChange);
        }

        @Override
        String nextPart(int maxRecords) {
            long problemVersion = stream.problemVersion();
            RecordStream.Part part = stream.partSince(cursor, maxRecords);
            cursor = part.next();
            String records = part.json();
            if (problemVersion != sentProblemVersion) {
                sentProblemVersion = problemVersion;
                String problem = stream.problemPart();
                return records == null ? problem : records + "," + problem;
            }
            return records;
        }
    }
}
