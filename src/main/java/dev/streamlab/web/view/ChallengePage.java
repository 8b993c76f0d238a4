package dev.streamlab.web.view;

import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.CodeSample;
import dev.streamlab.lab.PageAction;
import dev.streamlab.lab.Requirement;
import dev.streamlab.lab.Step;
import dev.streamlab.lab.progress.Progress;
import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static j2html.TagCreator.a;
import static j2html.TagCreator.button;
import static j2html.TagCreator.code;
import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.li;
import static j2html.TagCreator.ol;
import static j2html.TagCreator.output;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.text;
import static j2html.TagCreator.ul;

/**
 * A challenge's guided page: objective, requirements (with what this learner has passed), steps with starter code in
 * each language, hints revealed on request, the page's helper buttons and "Check my work", whose answer challenge.js
 * shows one line per requirement.
 */
public final class ChallengePage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ChallengePage() {
    }

    public static String render(SiteNav nav, Challenge challenge, String bootstrapServers, String labUrl,
                                Progress progress) {
        return Frame.render(challenge.level() + " challenge: " + challenge.title(), nav, List.of("challenge.js"),
                section(
                        h1(challenge.level() + " challenge: " + challenge.title()),
                        p(challenge.objective()).withClass("objective"),
                        Markdown.block(challenge.markdown())
                ).withClass("intro"),
                section(
                        h2("Requirements"),
                        ol(each(challenge.requirements(), r -> requirement(challenge, r, progress))).withClass("requirements")
                ).withId("requirements"),
                section(
                        h2("Steps"),
                        yourLab(bootstrapServers, labUrl),
                        ol(each(challenge.steps(), s -> step(s, bootstrapServers, labUrl))).withClass("steps")
                ).withId("steps"),
                challenge.hints().isEmpty() ? null : section(
                        h2("Hints"),
                        p("Stuck? Open one hint at a time.").withClass("hint"),
                        each(challenge.hints(), (i, hint) -> details(summary("Hint " + (i + 1)),
                                Markdown.block(CodeSample.fill(hint, bootstrapServers, labUrl)))
                                .withClass("reveal"))
                ).withId("hints"),
                challenge.actions().isEmpty() ? null : section(
                        h2("Test it"),
                        each(challenge.actions(), ChallengePage::action)
                ).withId("actions"),
                check(challenge, labUrl),
                p(a("Your progress and the quest's checklist →").withHref("/#progress")).withClass("next-page"));
    }

    private static DomContent requirement(Challenge challenge, Requirement r, Progress progress) {
        Long passedAt = progress.passed().get(challenge.id() + "/" + r.id());
        DomContent state = passedAt == null ? text(" · not passed yet")
                : each(text(" · "), Icons.state(true), text(" passed " + WHEN.format(Instant.ofEpochMilli(passedAt))));
        return li(span(r.text()), span(state).withClass("passed-state"))
                .withId("requirement-" + r.id()).attr("data-passed", passedAt != null);
    }

    /**
     * The terminal set-up every command and program below relies on: where this lab's broker and the lab itself are
     * (the starters read STREAMLAB_BOOTSTRAP, validate reads STREAMLAB_LAB), and the jar the java -jar lines run.
     */
    private static DomContent yourLab(String bootstrap, String labUrl) {
        String setup = "export STREAMLAB_BOOTSTRAP=" + bootstrap + " STREAMLAB_LAB=" + labUrl + "\n"
                + "mvn -B -q package -DskipTests   # once, for the java -jar target/streamlab.jar lines (skip if it exists)";
        return div(p(text("In each terminal you use for this challenge, first run:")),
                pre(code(setup).withClass("language-bash")),
                button("Copy").withType("button").withClass("copy"))
                .withId("your-lab").withClass("panel");
    }

    private static DomContent step(Step step, String bootstrap, String labUrl) {
        return li(h3(step.title()), Markdown.block(CodeSample.fill(step.markdown(), bootstrap, labUrl)),
                step.code().isEmpty() ? null : codeTabs(step.code(), bootstrap, labUrl)).withClass("step");
    }

    private static DomContent codeTabs(List<CodeSample> samples, String bootstrap, String labUrl) {
        DivTag tabs = div().withClass("tabs").attr("role", "tablist");
        DivTag panels = div();
        for (int i = 0; i < samples.size(); i++) {
            CodeSample sample = samples.get(i);
            tabs.with(button(sample.label()).withType("button").attr("role", "tab")
                    .attr("aria-selected", i == 0).attr("data-tab", i).withClass("tab"));
            var panel = div(
                    sample.file() == null ? null : p(text("File: "), code(sample.file())).withClass("hint"),
                    pre(code(sample.contentFor(bootstrap, labUrl)).withClass("language-" + sample.language())),
                    button("Copy").withType("button").withClass("copy"))
                    .attr("role", "tabpanel").attr("data-panel", i).withClass("panel");
            panels.with(i == 0 ? panel : panel.attr("hidden", "hidden"));
        }
        return div(tabs, panels).withClass("code-tabs");
    }

    private static DomContent action(PageAction action) {
        return div(p(action.text()),
                div(button(action.label()).withType("button").withClass("page-action").attr("data-action", action.id()),
                        output().withClass("message").withId("action-" + action.id() + "-result").attr("role", "status"))
                        .withClass("row"))
                .withClass("action");
    }

    private static DomContent check(Challenge challenge, String labUrl) {
        // validate asks http://127.0.0.1:7070 unless told otherwise; a lab reached elsewhere says where it is.
        StringBuilder cli = new StringBuilder("java -jar target/streamlab.jar validate " + challenge.id()
                + CodeSample.labOption(labUrl));
        DivTag fields = div().withClass("row");
        for (String field : challenge.fields()) {
            String value = switch (field) {
                case "topic" -> challenge.defaults().topic();
                case "group" -> challenge.defaults().group();
                default -> challenge.defaults().output();
            };
            fields.with(label(field.equals("output") ? "output topic " : field + " ").attr("for", "field-" + field),
                    input().withId("field-" + field).withName(field).withType("text").withValue(value == null ? "" : value)
                            .attr("autocomplete", "off").attr("spellcheck", "false"));
            if (value != null) {
                cli.append(" --").append(field).append(' ').append(value);
            }
        }
        return section(
                h2("Check my work"),
                p("The lab looks at the broker itself: your topics, their records and keys, your group's offsets and what "
                        + "it saw them do. Any language, any client.").withClass("hint"),
                form(fields, div(button("Check my work").withType("submit").withId("check-button"),
                        output().withId("check-summary").withClass("message").attr("role", "status")).withClass("row"))
                        .withId("check-form").attr("data-challenge", challenge.id()),
                ul().withId("check-results").withClass("check-results"),
                p(text("From a terminal, the same checks: "), code(cli.toString()).withId("check-cli")
                        .attr("data-lab-option", CodeSample.labOption(labUrl))).withClass("hint")
        ).withId("check");
    }
}
