package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The hub's sources with the classroom's subject added: {@code board}, the instructor's board (one entry per learner
 * and a {@code summary}). Everything else is asked of the sources it wraps.
 */
public final class ClassroomSources implements LiveSources {
    /** Subjects that show every learner's data: the instructor's alone once the lab is off loopback. */
    public static final Set<String> INSTRUCTOR_SUBJECTS = Set.of("board");

    private final LiveSources inner;
    private final StateSubject board;

    public ClassroomSources(LiveSources inner, ObjectMapper json) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.board = new StateSubject("board", json, () -> null);
    }

    /** The board's entries as the instructor's page reads them; no frame goes out when nothing changed. */
    public void board(Map<String, ?> entries) {
        board.update(entries);
    }

    @Override
    public Opened<StateSubject> state(String subject) throws LiveRequestException {
        if (subject.equals("board")) {
            return new Opened<>(board, 0, () -> { });
        }
        return inner.state(subject);
    }

    @Override
    public Opened<RecordStream> records(String topic, String isolation, String from) throws LiveRequestException {
        return inner.records(topic, isolation, from);
    }

    @Override
    public Opened<RecordStream> steps(String run) throws LiveRequestException {
        return inner.steps(run);
    }
}
