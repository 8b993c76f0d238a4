package dev.streamlab.web;

import dev.streamlab.kafka.actions.TopicActions;
import dev.streamlab.lab.CodeSample;
import dev.streamlab.lab.QuestService;
import dev.streamlab.lab.Submission;
import dev.streamlab.lab.progress.LearnerName;
import dev.streamlab.lab.validate.CheckResult;
import dev.streamlab.lab.validate.Report;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** The quest over HTTP: answers to questions, "Check my work", challenge helper buttons, the learner and progress. */
final class QuestController {
    private final QuestService quest;
    private final String bootstrap;
    private final Learners learners;
    private final Instructors instructors;

    QuestController(QuestService quest, String bootstrap, Learners learners, Instructors instructors) {
        this.quest = quest;
        this.bootstrap = bootstrap;
        this.learners = learners;
        this.instructors = instructors;
    }

    record AnswerBody(Integer option) {
    }

    record WorkBody(String topic, String group, String output, String learner) {
    }

    record LearnerBody(String name) {
    }

    record MarkBody(Boolean done) {
    }

    /** A report as pages and the command line read it; {@code passed} is true when every line passed. */
    record ReportView(String challenge, Submission submission, String checkedAt, boolean passed, List<CheckResult> results) {
        /** The report with the lab's address in its hints, as the learner reached the lab. */
        static ReportView of(Report report, String bootstrap, String labUrl) {
            List<CheckResult> results = report.results().stream().map(r -> new CheckResult(r.requirement(), r.text(),
                    r.passed(), r.evidence(), r.hint() == null ? null : CodeSample.fill(r.hint(), bootstrap, labUrl)))
                    .toList();
            return new ReportView(report.challenge(), report.submission(), report.checkedAt().toString(),
                    report.passed(), results);
        }
    }

    void answer(Context ctx) {
        AnswerBody body = JsonBodies.read(ctx.body(), AnswerBody.class, "{\"option\": 0}");
        if (body.option() == null) {
            throw new HttpRefusal(HttpStatus.BAD_REQUEST, "say which option you picked, counting from 0: {\"option\": 0}");
        }
        ctx.json(run(() -> quest.answer(learners.of(ctx), ctx.pathParam("chapter"), ctx.pathParam("question"),
                body.option())));
    }

    void check(Context ctx) {
        WorkBody body = work(ctx);
        LearnerName caller = learners.of(ctx);
        LearnerName learner = body.learner() == null || body.learner().isBlank() ? caller
                : run(() -> new LearnerName(body.learner()));
        // Checking records the result in that learner's progress: in a class, only for oneself or by the instructor.
        if (!learner.equals(caller) && !instructors.isInstructor(ctx)) {
            throw new HttpRefusal(HttpStatus.FORBIDDEN, "this lab is shared by a class: you can check your own work ("
                    + caller.value() + "), and only the instructor can check another learner's");
        }
        Report report = run(() -> quest.check(learner, ctx.pathParam("challenge"),
                new Submission(body.topic(), body.group(), body.output())));
        ctx.json(ReportView.of(report, bootstrap, PageController.labUrl(ctx)));
    }

    void act(Context ctx) {
        WorkBody body = work(ctx);
        TopicActions.refuseInternal(body.topic() == null ? null : body.topic().trim(),
                "The challenge's actions write to the topic you name, and writing to it would corrupt what Kafka keeps there");
        ctx.json(run(() -> quest.act(ctx.pathParam("challenge"), ctx.pathParam("action"),
                new Submission(body.topic(), body.group(), body.output()))));
    }

    void standing(Context ctx) {
        ctx.json(quest.standing(learners.of(ctx)));
    }

    void dismissNotice(Context ctx) {
        ctx.json(quest.dismissNotice(learners.of(ctx)));
    }

    void reset(Context ctx) {
        ctx.json(quest.reset(learners.of(ctx)));
    }

    void mark(Context ctx) {
        MarkBody body = JsonBodies.read(ctx.body(), MarkBody.class, "{\"done\": true}");
        ctx.json(run(() -> quest.mark(learners.of(ctx), ctx.pathParam("mark"), !Boolean.FALSE.equals(body.done()))));
    }

    void learner(Context ctx) {
        LearnerBody body = JsonBodies.read(ctx.body(), LearnerBody.class, "{\"name\": \"Ada\"}");
        LearnerName name = run(() -> new LearnerName(body.name()));
        learners.choose(ctx, name);
        ctx.json(Map.of("learner", name.value()));
    }

    /** The names a learner typed, each checked by Kafka's rule before any check or action looks for it. */
    private static WorkBody work(Context ctx) {
        WorkBody body = ctx.body().isBlank() ? new WorkBody(null, null, null, null)
                : JsonBodies.read(ctx.body(), WorkBody.class, "{\"topic\": \"orders\", \"group\": \"billing\"}");
        for (String topic : new String[] {body.topic(), body.output()}) {
            if (topic != null && !topic.isBlank()) {
                TopicActions.checkTopic(topic.trim());
            }
        }
        if (body.group() != null && !body.group().isBlank()) {
            TopicActions.checkGroup(body.group().trim());
        }
        return body;
    }

    private static <T> T run(Supplier<T> action) {
        try {
            return action.get();
        } catch (NoSuchElementException e) {
            throw new HttpRefusal(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new HttpRefusal(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            throw new HttpRefusal(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }
}
