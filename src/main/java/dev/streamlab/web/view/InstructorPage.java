package dev.streamlab.web.view;


import java.util.List;

import static j2html.TagCreator.a;
import static j2html.TagCreator.div;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.caption;

/**
 * The instructor's board: every learner's progress and whereabouts, live, with the class's most-missed questions and
 * the requirement that blocks most learners. The server draws the frame; instructor.js fills it from the {@code board}
 * subject and sorts it.
 */
public final class InstructorPage {
    public static final String PATH = "/instructor";
    public static final String CSV_PATH = "/instructor.csv";

    private InstructorPage() {
    }

    /** @param boardKey what the page subscribes to the live board with (only this page carries it) */
    public static String render(SiteNav nav, String boardKey) {
        return Frame.render("Instructor's board", nav, List.of("instructor.js"), section(
                h1("The class, live"),
                p("Every learner on this lab as they work: the page they are on, when they last did something, their "
                        + "knowledge checks, each challenge requirement and when it passed, and their badges. It updates "
                        + "by itself; sort by any column.").withClass("lede"),
                p(a("Download as CSV").withHref(CSV_PATH).withId("board-csv").attr("download", "streamlab-class.csv"),
                        a("Present the time lab to the class").withHref("/present/time").withClass("board-present")),
                div(
                        section(h2("Most missed"), div(p("No wrong answers yet.").withClass("hint")).withId("most-missed"))
                                .withClass("board-card"),
                        section(h2("Blocking most learners"), div(p("Nothing blocks anyone yet.").withClass("hint"))
                                .withId("blocking")).withClass("board-card")
                ).withClass("board-summary"),
                div(table(
                        caption("Learners").withClass("visually-hidden"),
                        thead(tr().withId("board-head")),
                        tbody().withId("board-rows")
                ).withId("board").withClass("board-table")).withClass("board-scroll").attr("tabindex", "0")
                        .attr("role", "region").attr("aria-label", "Learners' progress"),
                p("No learner has visited yet.").withId("board-empty").withClass("hint")
        ).withClass("instructor-board").attr("data-board", boardKey));
    }
}
