package dev.streamlab.web;

import dev.streamlab.kafka.playback.PlaybackDesk;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The playbacks of learners who stopped following the instructor: one desk per learner, made on their first load.
 * Each holds a pipeline and its topics, so they are bounded: at most {@link #MAX} at once (a new one releases the one
 * used longest ago) and each released after {@link #IDLE_MS} without a control. The engine is deterministic, so a
 * learner's own playback of a scenario shows what the class playback of it shows at the same step.
 */
final class OwnPlaybacks implements AutoCloseable {
    static final int MAX = 8;
    static final long IDLE_MS = 15 * 60_000;

    /** A learner's desk and the session its live subject is known by ({@code playback/SESSION}). */
    record Own(String session, PlaybackDesk desk) {
        Own {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(desk, "desk");
        }
    }

    /** Opens a desk whose state and steps go to session {@code session}'s live subjects, and lets go of them. */
    interface Desks {
        PlaybackDesk open(String session);

        void released(String session);
    }

    private record Held(Own own, long usedAtMs) {
    }

    private final Desks desks;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Held> byLearner = new LinkedHashMap<>(16, 0.75f, true);
    private final ScheduledExecutorService sweeper;

    OwnPlaybacks(Desks desks, Clock clock) {
        this.desks = Objects.requireNonNull(desks, "desks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamlab-own-playbacks");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::releaseIdle, 60, 60, TimeUnit.SECONDS);
    }

    /** The learner's own playback, made now if they have none (releasing the one used longest ago when full). */
    synchronized Own of(String learner) {
        Held held = byLearner.get(learner);
        if (held == null) {
            if (byLearner.size() >= MAX) {
                Iterator<Map.Entry<String, Held>> eldest = byLearner.entrySet().iterator();
                Held gone = eldest.next().getValue();
                eldest.remove();
                release(gone.own());
            }
            String session = HexFormat.of().formatHex(bytes());
            held = new Held(new Own(session, desks.open(session)), clock.millis());
        }
        byLearner.put(learner, new Held(held.own(), clock.millis()));
        return held.own();
    }

    private byte[] bytes() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return b;
    }

    /** The learner's own playback if they have one; using it keeps it from being released. */
    synchronized Optional<Own> existing(String learner) {
        Held held = byLearner.get(learner);
        if (held == null) {
            return Optional.empty();
        }
        byLearner.put(learner, new Held(held.own(), clock.millis()));
        return Optional.of(held.own());
    }

    private synchronized void releaseIdle() {
        long now = clock.millis();
        byLearner.values().removeIf(h -> {
            boolean idle = now - h.usedAtMs() > IDLE_MS;
            if (idle) {
                release(h.own());
            }
            return idle;
        });
    }

    private void release(Own own) {
        own.desk().close();
        desks.released(own.session());
    }

    @Override
    public synchronized void close() {
        sweeper.shutdownNow();
        byLearner.values().forEach(h -> release(h.own()));
        byLearner.clear();
    }
}
