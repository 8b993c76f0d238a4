package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.playback.PlaybackDesk;

import java.util.Map;
import java.util.Objects;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's sources with the classroom's subjects added: {@code board/KEY}, the instructor's board (one entry per learner
 * and a {@code summary}), and {@code playback/SESSION}, a learner's own playback beside the class's (its steps are
 * {@code steps} of its runs, as the class playback's are). Everything else is asked of the sources it wraps.
 */
public final class ClassroomSources implements LiveSources {
    private final LiveSources inner;
    private final ObjectMapper json;
    private final StateSubject board;
    /**
     * The board is every learner's data: it is watched as {@code board/KEY}, and only the /instructor page (an
     * instructor route, guarded off loopback) carries the key, so a learner's page cannot subscribe to it.
     */
    private final String boardKey;
    private final Map<String, PlaybackFeed> own = new ConcurrentHashMap<>();

    public ClassroomSources(LiveSources inner, ObjectMapper json) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.json = Objects.requireNonNull(json, "json");
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.boardKey = HexFormat.of().formatHex(secret);
        this.board = new StateSubject("board/" + boardKey, json, () -> null);
    }

    /** What the instructor's page subscribes to the board with. */
    public String boardKey() {
        return boardKey;
    }

    /** The board's entries as the instructor's page reads them; no frame goes out when nothing changed. */
    public void board(Map<String, ?> entries) {
        board.update(entries);
    }

    /** What a learner's own playback desk tells: its state to {@code playback/SESSION}, its steps to their runs. */
    public PlaybackDesk.Listener ownPlayback(String session) {
        return own.computeIfAbsent(session, s -> new PlaybackFeed(json, "playback/" + s)).listener();
    }

    /** The learner's own playback is gone: its subjects go with it (a page still watching hears nothing more). */
    public void forgetOwnPlayback(String session) {
        own.remove(session);
    }

    @Override
    public Opened<StateSubject> state(String subject) throws LiveRequestException {
        if (subject.equals("board/" + boardKey)) {
            return new Opened<>(board, 0, () -> { });
        }
        if (subject.startsWith("playback/")) {
            PlaybackFeed feed = own.get(subject.substring("playback/".length()));
            if (feed == null) {
                throw new LiveRequestException("no playback of your own is open as " + subject
                        + " (it was released while idle): load a scenario again");
            }
            return new Opened<>(feed.state(), 0, () -> { });
        }
        if (subject.startsWith("board/")) {
            throw new LiveRequestException("no such board: the instructor's page says which to watch");
        }
        return inner.state(subject);
    }

    @Override
    public Opened<RecordStream> records(String topic, String isolation, String from) throws LiveRequestException {
        return inner.records(topic, isolation, from);
    }

    @Override
    public Opened<RecordStream> steps(String run) throws LiveRequestException {
        for (PlaybackFeed feed : own.values()) {
            if (feed.knows(run)) {
                return new Opened<>(feed.stream(run), 0, () -> { });
            }
        }
        return inner.steps(run);
    }
}
