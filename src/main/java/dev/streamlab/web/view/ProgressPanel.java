package dev.streamlab.web.view;

import dev.streamlab.lab.progress.Standing;
import j2html.tags.DomContent;

import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.li;
import static j2html.TagCreator.output;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.text;
import static j2html.TagCreator.ul;

/**
 * The home page's progress: who is learning (a name, no password), the quest's completion checklist with each item's
 * parts, the two badges, and a reset. progress.js sends the changes.
 */
public final class ProgressPanel {
    private ProgressPanel() {
    }

    public static DomContent render(Standing standing) {
        return section(
                h2("Your progress"),
                // One flex item, so the row's gap does not split "Learning as Ann." into "Learning as Ann ." .
                form(span(text("Learning as "), strong(standing.learner()).withId("learner-name"), text(".")),
                        label("Another name: ").attr("for", "learner-input"),
                        input().withId("learner-input").withType("text").attr("maxlength", "40").attr("autocomplete", "off")
                                .withPlaceholder("your name"),
                        button("Switch").withType("submit"),
                        output().withId("learner-message").withClass("message").attr("role", "status"))
                        .withId("learner-form").withClass("row"),
                p("Several learners can share one lab: each picks a name, and the lab keeps each name's progress in its "
                        + "data folder. There are no passwords.").withClass("hint"),
                h3("Quest completion checklist"),
                ul(each(standing.checklist(), ProgressPanel::item)).withClass("checklist"),
                h3("Badges"),
                div(each(standing.badges(), ProgressPanel::badge)).withClass("badges"),
                div(button("Reset my progress").withType("button").withId("reset-progress").withClass("danger"),
                        output().withId("reset-message").withClass("message").attr("role", "status")).withClass("row")
        ).withId("progress").attr("data-learner", standing.learner());
    }

    private static DomContent item(Standing.MilestoneStatus item) {
        boolean selfTicked = item.parts().size() == 1 && item.parts().get(0).requirement().startsWith("self:");
        String mark = item.parts().get(0).requirement().substring("self:".length());
        return li(
                span(Icons.state(item.earned()), text(item.earned() ? " done" : " to do")).withClass("state"),
                text(" "), strong(item.title()),
                item.text().isEmpty() ? null : div(item.text()).withClass("summary"),
                selfTicked
                        ? div(input().withType("checkbox").withId("mark-" + mark).withClass("self-mark")
                                .attr("data-mark", mark).condAttr(item.earned(), "checked", "checked"),
                        label(" I have done this").attr("for", "mark-" + mark)).withClass("row")
                        : parts(item.parts())
        ).withId("checklist-" + item.id()).withClass(item.earned() ? "earned" : "open").attr("data-earned", item.earned());
    }

    private static DomContent badge(Standing.MilestoneStatus badge) {
        return div(
                span(Icons.badge(badge.icon())).withClass("badge-icon"),
                div(strong(badge.title()), span(badge.earned() ? " · earned" : " · not yet").withClass("state"),
                        div(badge.text()).withClass("summary"),
                        badge.earned() ? null : parts(badge.parts()))
        ).withId("badge-" + badge.id()).withClass("quest-badge " + (badge.earned() ? "earned" : "locked"))
                .attr("data-earned", badge.earned());
    }

    /** Each part with its mark; the mark's meaning is also said in words, for a screen reader. */
    private static DomContent parts(java.util.List<Standing.Part> parts) {
        return ul(each(parts, part -> li(Icons.state(part.done()),
                span(part.done() ? "done: " : "to do: ").withClass("visually-hidden"), text(" " + part.label()))
                .withClass(part.done() ? "done" : "open"))).withClass("parts");
    }
}
