package dev.streamlab.web;

import dev.streamlab.lab.ClassBoard;
import dev.streamlab.lab.QuestService;
import dev.streamlab.lab.progress.LearnerName;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The instructor's board over HTTP and the live channel: the page, its CSV, and the {@code board} subject, which is
 * recomputed from the saved progress and the lab's {@link Presence} a moment after any learner's request (at most
 * every {@link #REFRESH_MS} ms however busy the class is, so a class of hundreds costs a few file reads a second).
 */
final class InstructorBoard implements AutoCloseable {
    static final long REFRESH_MS = 300;

    /** One learner's row: the saved progress with where and when the lab last saw them. */
    record Row(String learner, String page, Long lastActivityMs, List<ClassBoard.ChapterRight> chapters,
               List<ClassBoard.RequirementPass> requirements, List<ClassBoard.BadgeState> badges) {
    }

    /** What the rows have in columns, and the class's trouble spots. */
    record Summary(int learners, List<ClassBoard.Missed> mostMissed, ClassBoard.Blocking blocking) {
    }

    private final QuestService learning;
    private final Learners learners;
    private final Presence presence;
    private final Consumer<Map<String, ?>> publish;
    private final java.time.Clock clock;
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final ScheduledExecutorService refresher;

    InstructorBoard(QuestService learning, Learners learners, Presence presence, Consumer<Map<String, ?>> publish,
                    java.time.Clock clock) {
        this.learning = Objects.requireNonNull(learning, "learning");
        this.learners = Objects.requireNonNull(learners, "learners");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.publish = Objects.requireNonNull(publish, "publish");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamlab-instructor-board");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_MS, TimeUnit.MILLISECONDS);
    }

    /** Records where a learner's request went; instructor routes and files are not a learner's activity. */
    void saw(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/web/") || path.startsWith("/webjars/") || path.equals("/favicon.ico") || path.equals("/ws")
                || WebServer.isInstructorRoute(path) || ctx.statusCode() >= 400) {
            return;
        }
        String learner = learners.of(ctx).value(); // in a class, a name this browser cannot prove is not that learner
        if (path.startsWith("/api/")) {
            presence.activity(learner, clock.millis());
        } else if (ctx.method().name().equals("GET")) {
            presence.page(learner, path, clock.millis());
        } else {
            presence.activity(learner, clock.millis());
        }
        dirty.set(true);
    }

    private void refresh() {
        try {
            if (dirty.getAndSet(false)) {
                publish.accept(entries());
            }
        } catch (RuntimeException e) {
            dirty.set(true); // a progress file written under us; the next round reads it whole
        }
    }

    List<Row> rows(ClassBoard board) {
        Map<String, Presence.Seen> seen = presence.all();
        List<Row> rows = new ArrayList<>();
        for (ClassBoard.LearnerRow r : board.learners()) {
            Presence.Seen s = seen.get(r.learner());
            rows.add(new Row(r.learner(), s == null ? null : s.page(), s == null ? null : s.atMs(), r.chapters(),
                    r.requirements(), r.badges()));
        }
        return rows;
    }

    ClassBoard board() {
        List<LearnerName> present = new ArrayList<>();
        for (String name : presence.all().keySet()) {
            try {
                present.add(new LearnerName(name));
            } catch (IllegalArgumentException e) {
                // not a name (cannot happen: names come from LearnerName); leave it off
            }
        }
        return learning.board(present);
    }

    /** The board subject's entries: {@code learner/NAME} per learner and {@code summary}. */
    Map<String, Object> entries() {
        ClassBoard board = board();
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Row row : rows(board)) {
            entries.put("learner/" + row.learner(), row);
        }
        entries.put("summary", new Summary(board.learners().size(), board.mostMissed(), board.blocking().orElse(null)));
        return entries;
    }

    /** {@code GET /api/instructor/board}: the board as JSON, for scripts. */
    void json(Context ctx) {
        ctx.json(entries());
    }

    /** {@code GET /instructor.csv}: one line per learner under a header line, every requirement with when it passed. */
    void csv(Context ctx) {
        ClassBoard board = board();
        List<Row> rows = rows(board);
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("learner", "page", "last activity"));
        if (!rows.isEmpty()) {
            Row first = rows.get(0);
            first.chapters().forEach(c -> header.add(c.chapter() + " knowledge check right"));
            first.requirements().forEach(r -> header.add(r.challenge() + "/" + r.requirement() + " passed at"));
            first.badges().forEach(b -> header.add("badge: " + b.title()));
        }
        out.append(CsvText.line(header));
        for (Row row : rows) {
            List<String> fields = new ArrayList<>(List.of(row.learner(), row.page() == null ? "" : row.page(),
                    row.lastActivityMs() == null ? "" : Instant.ofEpochMilli(row.lastActivityMs()).toString()));
            row.chapters().forEach(c -> fields.add(c.right() + " of " + c.total()));
            row.requirements().forEach(r -> fields.add(r.passedAtMs() == null ? "" : Instant.ofEpochMilli(r.passedAtMs()).toString()));
            row.badges().forEach(b -> fields.add(b.earned() ? "earned" : ""));
            out.append(CsvText.line(fields));
        }
        ctx.header("Content-Disposition", "attachment; filename=\"streamlab-class.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
