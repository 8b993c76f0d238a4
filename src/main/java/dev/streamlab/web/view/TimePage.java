package dev.streamlab.web.view;

import dev.streamlab.lab.Chapter;
import j2html.tags.DomContent;

import java.util.List;

import static j2html.TagCreator.button;
import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.fieldset;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.input;
import static j2html.TagCreator.kbd;
import static j2html.TagCreator.label;
import static j2html.TagCreator.legend;
import static j2html.TagCreator.li;
import static j2html.TagCreator.option;
import static j2html.TagCreator.output;
import static j2html.TagCreator.p;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.select;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.table;
import static j2html.TagCreator.text;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

/**
 * Chapter 3, event time: the skeleton of the time lab. web/js/time.js draws the event-time axis, windows, watermark
 * and late lane from the playback's WebSocket stream; this class lays out the places and the labelled controls.
 */
public final class TimePage {
    /** A scenario the instructor can play: its id (file name) and title. */
    public record ScenarioChoice(String id, String title) {
    }

    private TimePage() {
    }

    /**
     * @param selected the scenario the list starts on (?scenario=), or null for the first
     * @param query    the request's query string ("" for none): the presenter link keeps it (?scenario=, ?keep=)
     */
    public static String render(SiteNav nav, Chapter chapter, ChapterParts parts, List<ScenarioChoice> scenarios,
                                String selected, String query) {
        return ChapterLayout.page(nav, chapter, List.of("time.js"), lab(scenarios, selected), about(), parts,
                PresentPage.link(chapter, query));
    }

    /**
     * The live lab: controls and picture first, then the results and the ways to change the stream, with the ids
     * web/js/time.js drives (the chapter page and the presenter view show the same markup).
     *
     * @param selected the scenario the list starts on (?scenario=), or null for the first
     */
    public static DomContent lab(List<ScenarioChoice> scenarios, String selected) {
        return div(
                controls(scenarios, selected),
                stage(),
                keys(),
                results(),
                tuning(),
                ownTopic()
        ).withClass("time-lab");
    }

    /** What the lab shows and its rules, read before or after playing (in the Read tab). */
    private static DomContent about() {
        return section(
                p("Which clock do you trust? Events carry the time they happened (event time); the processor sees them "
                        + "when they arrive (processing time). Play a scenario and watch a real pipeline on Kafka decide: "
                        + "each event lands in its windows, the watermark says how far event time has surely got, a window "
                        + "fires when the watermark reaches its end, and an event behind the watermark is late."),
                details(summary("The rules, exactly"), ul(
                        li("watermark = the largest event time seen − the out-of-orderness bound; the combined watermark is "
                                + "the smallest over the input partitions that are not idle."),
                        li("A window [start, end) fires when the watermark reaches its end. (Flink writes this as "
                                + "watermark = max − bound − 1 and fires at watermark ≥ end − 1: the same moments, which is "
                                + "what this lab computes.)"),
                        li("An event behind the watermark whose window has not fired yet simply counts: it is on time. "
                                + "It is late when its window has already fired."),
                        li("A late event whose window is still within the allowed lateness is added, and the window fires "
                                + "again with the new count; later than that, it goes to the late side output.")))
        ).withClass("intro about");
    }

    /** The page-wide keys, under the picture and folded: the toolbar's buttons say the same. */
    private static DomContent keys() {
        return details(summary("Keys"),
                p(text("Keys: "), kbd("Space"), text(" play/pause · "), kbd("→"), text(" step · "), kbd("←"),
                        text(" step back · "), kbd("R"), text(" restart. In a field or a "
                                + "list the keys are its own, and Space on a focused button presses that button.")).withClass("hint")
        ).withClass("lab-more keys");
    }

    private static DomContent controls(List<ScenarioChoice> scenarios, String selected) {
        return section(
                h2("Scenario"),
                // Shown by time.js on the chapter page (the presenter view is the class playback itself): on, the page
                // shows the instructor's playback and its controls rest; off, the learner plays one of their own.
                div(
                        button(text("Following the instructor: "), span("off").withId("follow-state")).withId("follow")
                                .withType("button").attr("role", "switch").attr("aria-checked", "false"),
                        span().withId("follow-note").withClass("hint")
                ).withId("follow-row").withClass("row follow-row").attr("hidden", "hidden"),
                form(
                        label("Scenario ").attr("for", "scenario-select"),
                        select(each(scenarios, s -> option(s.title()).withValue(s.id()).withCondSelected(s.id().equals(selected))))
                                .withId("scenario-select"),
                        button("Load").withType("submit")
                ).withId("scenario-form").withClass("row"),
                p().withId("scenario-description").withClass("hint"),
                div(
                        // Each button's word is its name; the icon beside it is drawn, so it needs no font.
                        button(Icons.svg(Icons.RIGHT), text(" Play")).withId("play").withType("button")
                                .attr("aria-keyshortcuts", "Space"),
                        button(Icons.svg(Icons.PAUSE), text(" Pause")).withId("pause").withType("button"),
                        button(text("Step "), Icons.svg(Icons.STEP)).withId("step").withType("button")
                                .attr("aria-keyshortcuts", "ArrowRight"),
                        button(Icons.svg(Icons.STEP_BACK), text(" Step back")).withId("step-back").withType("button")
                                .attr("aria-keyshortcuts", "ArrowLeft"),
                        button(Icons.svg(Icons.RESTART), text(" Restart")).withId("restart").withType("button")
                                .attr("aria-keyshortcuts", "R"),
                        label(" speed ").attr("for", "speed"),
                        select(option("0.25×").withValue("0.25"), option("0.5×").withValue("0.5"),
                                option("1×").withValue("1").isSelected(), option("2×").withValue("2"),
                                option("5×").withValue("5"), option("10×").withValue("10")).withId("speed")
                ).withClass("row playback-controls").attr("role", "toolbar").attr("aria-label", "playback"),
                p().withId("playback-status").withClass("message").attr("role", "status")
        ).withId("controls");
    }

    private static DomContent ownTopic() {
        return section(
                h2("Your own topic"),
                p("Run the same pipeline on a topic you produce to (kcat, the quest's producer.py, the /kafka page): records "
                        + "like {\"key\": \"cust-1\", \"event_time\": 1795605600, \"value\": 12.5}. Results go to "
                        + "TOPIC-windows, late events to TOPIC-late. It uses the window and watermark settings below.")
                        .withClass("hint"),
                form(
                        label("Topic ").attr("for", "pipeline-topic"),
                        select().withId("pipeline-topic"),
                        button("Start or reconfigure").withType("submit"),
                        button("Stop").withId("pipeline-stop").withType("button"),
                        button("Back to the scenario").withId("watch-playback").withType("button")
                ).withId("pipeline-form").withClass("row"),
                output().withId("pipeline-result").withClass("message").attr("role", "status"),
                ul().withId("pipelines").withClass("pipelines")
        ).withId("own-topic");
    }

    private static DomContent tuning() {
        return section(
                h2("Change the stream"),
                form(fieldset(legend("Inject an event behind the watermark"),
                        label("key ").attr("for", "inject-key"), input().withId("inject-key").withValue("cust-1"),
                        label(" seconds behind the watermark ").attr("for", "inject-late"),
                        input().withId("inject-late").withType("number").attr("min", "0").withValue("90"),
                        button("Inject").withType("submit"))).withId("inject-form"),
                form(fieldset(legend("Windows and watermarks (restarts the scenario with these)"),
                        label("window ").attr("for", "cfg-type"),
                        select(option("tumbling").withValue("tumbling"), option("sliding").withValue("sliding"),
                                option("session").withValue("session")).withId("cfg-type"),
                        label(" size s ").attr("for", "cfg-size"), input().withId("cfg-size").withType("number").attr("min", "1"),
                        label(" slide s ").attr("for", "cfg-slide"), input().withId("cfg-slide").withType("number").attr("min", "1"),
                        label(" gap s ").attr("for", "cfg-gap"), input().withId("cfg-gap").withType("number").attr("min", "1"),
                        label(" bound s ").attr("for", "cfg-bound"), input().withId("cfg-bound").withType("number").attr("min", "0"),
                        label(" lateness s ").attr("for", "cfg-lateness"), input().withId("cfg-lateness").withType("number").attr("min", "0"),
                        label(" idleness s ").attr("for", "cfg-idleness"), input().withId("cfg-idleness").withType("number").attr("min", "0"),
                        button("Apply").withType("submit"))).withId("config-form")
        ).withId("tuning");
    }

    private static DomContent stage() {
        return section(
                h2("Event time"),
                markLegend(),
                div().withId("stage").withClass("stage").attr("role", "group").attr("aria-label", "event-time axis"),
                p().withId("watermark-text").withClass("watermark-text").attr("aria-live", "polite"),
                // How to read it and where its records are: under the picture, so the picture starts on the first screen.
                p("One row per key: its events on top at their event time, its windows below (overlapping sliding "
                        + "windows each in a sub-row of their own), filling as events land. The vertical lines are the "
                        + "watermark. Focus or hover any mark or window for the reason.").withClass("hint"),
                p().withId("topics-note").withClass("hint")
        ).withId("stage-section");
    }

    /** What each mark means, drawn with the picture's own shapes and classes (time.css colours both alike). */
    private static DomContent markLegend() {
        return ul(
                legendItem("<g class=\"event on-time\"><circle cx=\"12\" cy=\"9\" r=\"5.5\" class=\"mark\"/></g>",
                        "on time"),
                legendItem("<g class=\"event late\"><path d=\"M 12 3 L 18 14 L 6 14 Z\" class=\"mark\"/></g>",
                        "late but counted (its window had fired)"),
                legendItem("<g class=\"event dropped\"><path d=\"M 7 4 l 10 10 m 0 -10 l -10 10\" class=\"mark late-mark\"/></g>",
                        "dropped (to the late side output)"),
                legendItem("<g class=\"window pending\"><rect x=\"1\" y=\"2\" width=\"22\" height=\"14\" rx=\"3\"/></g>",
                        "window pending: count so far"),
                legendItem("<g class=\"window fired\"><rect x=\"1\" y=\"2\" width=\"22\" height=\"14\" rx=\"3\"/>"
                        + "<path d=\"M 7 9 l 3 3 l 5 -6.5\" class=\"fired-tick\"/></g>", "window fired: a tick, then the count"),
                legendItem("<line x1=\"12\" x2=\"12\" y1=\"0\" y2=\"18\" class=\"watermark combined\"/>",
                        "watermark"),
                legendItem("<line x1=\"12\" x2=\"12\" y1=\"0\" y2=\"18\" class=\"watermark partition\"/>",
                        "a partition's watermark")
        ).withClass("time-legend").attr("aria-label", "legend");
    }

    private static DomContent legendItem(String swatch, String meaning) {
        return li(rawHtml("<svg class=\"swatch\" width=\"24\" height=\"18\" viewBox=\"0 0 24 18\" "
                + "aria-hidden=\"true\">" + swatch + "</svg>"), text(" " + meaning));
    }

    private static DomContent results() {
        return section(
                h2("Results: event time and processing time, side by side"),
                p("The same stream counted twice: by when events happened and by when they arrived. Rows where the "
                        + "two differ are highlighted: that is the quest's \"why does the windowed count differ\". A clock "
                        + "that has not reached a window's end yet shows \"not fired yet\".").withClass("hint"),
                p().withId("results-note").withClass("hint"),
                table(thead(tr(th("key"), th("window"), th("event-time count"), th("processing-time count"), th("fired"))),
                        tbody().withId("results")).withClass("results"),
                h3("Late lane (side output)"),
                ul().withId("late-lane").withClass("late-lane"),
                h3("What happened, step by step"),
                output().withId("last-step").withClass("message").attr("role", "status"),
                ul().withId("step-log").withClass("events")
                        // it scrolls: focusable, so a keyboard user can scroll it too
                        .attr("tabindex", "0").attr("aria-label", "steps so far, newest first")
        ).withId("results-section");
    }
}
