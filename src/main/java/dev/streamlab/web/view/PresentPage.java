package dev.streamlab.web.view;

import dev.streamlab.lab.Chapter;
import j2html.tags.DomContent;

import java.util.List;

import static j2html.TagCreator.a;
import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.header;
import static j2html.TagCreator.kbd;
import static j2html.TagCreator.p;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.text;

/**
 * The presenter view of a chapter's lab, for projecting: the chapter page's own lab markup (same ids, driven by the
 * same module unchanged) with nothing around it but a bar saying which chapter it is and which keys work, full
 * screen and in present.css's large type. web/js/present.js adds the room's keys (next/previous step on the time
 * lab, next/previous screen on the others, black screen, leave) and loads a scenario given as ?scenario=.
 */
public final class PresentPage {
    private static final String SCREEN_DOWN = "next screen";
    private static final String SCREEN_UP = "previous screen";

    private PresentPage() {
    }

    /** The presenter view's address for a chapter: /present/time for /time. */
    public static String path(Chapter chapter) {
        return "/present" + chapter.path();
    }

    /** The chapter page's link to its presenter view, keeping the query (?scenario=, ?topic=). */
    public static DomContent link(Chapter chapter, String query) {
        return a("Present").withHref(path(chapter) + query(query)).withClass("present-link button")
                .attr("title", "this lab full screen, for a room: large type, driven from the keyboard or a presentation clicker");
    }

    /** The time lab: the scenario, the playback, the picture, the step's explanation and the stream's settings. */
    public static String time(Chapter chapter, List<TimePage.ScenarioChoice> scenarios, String selected) {
        return render(chapter, "time", List.of("time.js", "present.js"),
                keys("next step", "step back"), TimePage.lab(scenarios, selected));
    }

    /** The log: the topic, its partition lanes, producing, and the consumer groups with their lag. */
    public static String kafka(Chapter chapter, String bootstrapServers) {
        return render(chapter, "kafka", List.of("kafka.js", "present.js"),
                keys(SCREEN_DOWN, SCREEN_UP), KafkaPage.lab(bootstrapServers));
    }

    /** Delivery guarantees: the three workers with their kill buttons and the results against the truth. */
    public static String guarantees(Chapter chapter, String bootstrapServers) {
        return render(chapter, "guarantees", List.of("guarantees.js", "present.js"),
                keys(SCREEN_DOWN, SCREEN_UP), GuaranteesPage.lab(bootstrapServers));
    }

    private static String render(Chapter chapter, String lab, List<String> modules, DomContent keys, DomContent... content) {
        String name = "Chapter " + chapter.number() + ": " + chapter.title();
        return Frame.bare("Present · " + name, "present present-" + lab, modules,
                header(
                        h1(name),
                        keys,
                        a("Leave").withHref(chapter.path()).withId("present-leave").attr("aria-keyshortcuts", "Escape")
                ).withClass("present-bar"),
                div(content).withClass("present-lab"),
                // A black screen while the room looks at the speaker; present.js shows and hides it.
                div().withId("present-black").withClass("present-black").attr("hidden", "hidden"));
    }

    /**
     * The clicker's forward and back: the time lab's steps; the log and delivery guarantees have none, so there they
     * move the view a screen down and up, which changes nothing in the lab. Folded: the keys are for the presenter,
     * and open they took three lines of the room's screen at 1920x1080, pushing the picture below it.
     */
    private static DomContent keys(String forward, String back) {
        return details(summary("Keys"), p(
                kbd("PageDown"), text(" "), kbd("→"), text(" "), kbd("Space"), text(" " + forward + " · "),
                kbd("PageUp"), text(" "), kbd("←"), text(" " + back + " · "),
                kbd("B"), text(" black screen · "), kbd("F"), text(" full screen · "), kbd("Esc"), text(" leave")
        )).withClass("present-keys");
    }

    private static String query(String query) {
        return query == null || query.isEmpty() ? "" : "?" + query;
    }
}
