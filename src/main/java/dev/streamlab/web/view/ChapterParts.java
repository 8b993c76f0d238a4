package dev.streamlab.web.view;

import dev.streamlab.lab.AnswerOption;
import dev.streamlab.lab.Chapter;
import dev.streamlab.lab.CodeSample;
import dev.streamlab.lab.Question;
import dev.streamlab.lab.QuickWin;
import dev.streamlab.lab.progress.Progress;
import dev.streamlab.lab.progress.Standing;
import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;

import java.util.List;

import static j2html.TagCreator.a;
import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.fieldset;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.legend;
import static j2html.TagCreator.li;
import static j2html.TagCreator.output;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.text;
import static j2html.TagCreator.ul;

/**
 * The parts every chapter page shares around its hands-on part: the reading (objectives and the chapter's Markdown)
 * and the questions (knowledge checks, decision exercises, quick wins), shown as the learner last answered them.
 * quiz.js sends answers and shows the explanations.
 */
public record ChapterParts(DomContent reading, DomContent questions) {

    /** Where to go after a page: its title and path. */
    public record Next(String title, String path) {
    }

    /**
     * The parts of {@code chapter} for a learner with {@code progress}, on a lab whose Kafka is at {@code bootstrap},
     * ending with a link to the {@code next} page.
     */
    public static ChapterParts of(Chapter chapter, Progress progress, String bootstrap, Next next) {
        return new ChapterParts(reading(chapter, bootstrap),
                div(questions(chapter, progress), p(a("Next: " + next.title() + " →").withHref(next.path()))
                        .withClass("next-page")));
    }

    static DomContent reading(Chapter chapter, String bootstrap) {
        return section(
                chapter.objectives().isEmpty() ? null : div(p("In this chapter you will learn to:"),
                        ul(each(chapter.objectives(), o -> li(o)))).withClass("objectives"),
                Markdown.block(chapter.markdown().replace(CodeSample.BOOTSTRAP, bootstrap))
        ).withId("reading").withClass("reading");
    }

    static DomContent questions(Chapter chapter, Progress progress) {
        List<Question> decisions = chapter.questions(Question.Kind.DECISION);
        List<Question> knowledge = chapter.questions(Question.Kind.KNOWLEDGE);
        return div(
                decisions.isEmpty() ? null : section(
                        h2("Decide: batch or stream?"),
                        p("For each workload pick the model you would build, then read why.").withClass("hint"),
                        each(decisions, q -> question(chapter, q, progress))
                ).withId("decisions").withClass("quiz"),
                knowledge.isEmpty() ? null : section(
                        h2("Knowledge check"),
                        p("Pick an answer and check it; every answer explains itself, right or wrong. Try again as "
                                + "often as you like.").withClass("hint"),
                        each(knowledge, q -> question(chapter, q, progress))
                ).withId("knowledge-check").withClass("quiz"),
                chapter.quickWins().isEmpty() ? null : section(
                        h2("Quick wins"),
                        ul(each(chapter.quickWins(), w -> quickWin(chapter, w, progress))).withClass("quick-wins")
                ).withId("quick-wins")
        ).withClass("chapter-questions").attr("data-chapter", chapter.id());
    }

    private static DomContent question(Chapter chapter, Question question, Progress progress) {
        Progress.Answer answer = progress.answers().get(chapter.id() + "/" + question.id());
        String name = "q-" + question.id();
        DivTag options = div().withClass("options");
        for (int i = 0; i < question.options().size(); i++) {
            AnswerOption option = question.options().get(i);
            String id = name + "-" + i;
            var radio = input().withType("radio").withName(name).withId(id).withValue(String.valueOf(i));
            if (answer != null && answer.option() == i) {
                radio = radio.isChecked();
            }
            options.with(div(radio, label(option.text()).attr("for", id)).withClass("option"));
        }
        var feedback = output().withClass("feedback").attr("aria-live", "polite");
        if (answer != null && answer.option() < question.options().size()) {
            AnswerOption picked = question.options().get(answer.option());
            feedback = feedback.attr("data-kind", picked.correct() ? "ok" : "error")
                    .withText((picked.correct() ? "Right. " : "Not quite. ") + picked.explanation());
        }
        return form(fieldset(
                legend(question.prompt()),
                options,
                div(button("Check answer").withType("submit"), feedback).withClass("row")
        )).withId("question-" + question.id()).withClass("question").attr("data-question", question.id())
                .attr("data-answered", answer == null ? "no" : answer.correct() ? "right" : "wrong");
    }

    private static DomContent quickWin(Chapter chapter, QuickWin win, Progress progress) {
        boolean earned = Standing.earned(chapter, win, progress);
        return li(span(Icons.state(earned), text(earned ? " earned" : " not yet")).withClass("state"), span(" " + win.text()))
                .withId("quickwin-" + win.id()).withClass(earned ? "earned" : "open").attr("data-earned", earned);
    }
}
