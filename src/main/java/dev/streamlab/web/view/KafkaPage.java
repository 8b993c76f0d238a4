package dev.streamlab.web.view;

import dev.streamlab.lab.Chapter;
import j2html.tags.DomContent;

import java.util.List;

import static j2html.TagCreator.button;
import static j2html.TagCreator.code;
import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.dd;
import static j2html.TagCreator.dl;
import static j2html.TagCreator.dt;
import static j2html.TagCreator.each;
import static j2html.TagCreator.fieldset;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.legend;
import static j2html.TagCreator.ol;
import static j2html.TagCreator.option;
import static j2html.TagCreator.output;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.select;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.text;
import static j2html.TagCreator.textarea;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

/**
 * Chapter 2, the log: the skeleton of the live page. Everything that changes is filled in by web/js/kafka.js
 * from the page's WebSocket; this class only lays out the places and the controls, all labelled for keyboards
 * and screen readers.
 */
public final class KafkaPage {
    private KafkaPage() {
    }

    /** @param query the request's query string ("" for none): the presenter link keeps it (?topic=) */
    public static String render(SiteNav nav, Chapter chapter, ChapterParts parts, String bootstrapServers, String query) {
        return ChapterLayout.page(nav, chapter, List.of("kafka.js"), lab(bootstrapServers), about(), parts,
                PresentPage.link(chapter, query));
    }

    /** The live lab: the topic and its partitions first, then producing, the groups and the records. */
    public static DomContent lab(String bootstrapServers) {
        return div(
                topicBar(),
                lanes(),
                outside(bootstrapServers),
                produceForm(),
                groupPanel(),
                records()
        ).withClass("kafka-lab");
    }

    /** The chapter's picture in words, in the Read tab. */
    private static DomContent about() {
        return section(
                p("Kafka is not a queue you drain; it is a durable, replayable log. Produce a record and watch it land at "
                        + "the end of one partition; start a consumer group and watch it share the partitions and commit "
                        + "its offsets; reset the offsets and watch the group read the log again."),
                details(summary("The mental model"), dl(
                        dt("Topic"), dd("A named stream of events, such as orders."),
                        dt("Partition"), dd("A topic is split into ordered, append-only partitions. Order holds within a "
                                + "partition, not across them; partitions are how Kafka scales."),
                        dt("Offset"), dd("A record's position in its partition. Reading does not delete: a consumer can go "
                                + "back to any offset and replay."),
                        dt("Consumer group"), dd("Consumers sharing one group id split the partitions among themselves; the "
                                + "group's committed offset per partition says where it will read next. Lag is how far "
                                + "behind the end of the log that is.")).withClass("facts"))
        ).withClass("intro about");
    }

    /** Any client can write to the topic shown; kafka.js keeps the command on the selected topic. */
    private static DomContent outside(String bootstrap) {
        return details(summary("Produce and consume from outside the lab"),
                p(text("With any client, at "), code(bootstrap), text(": "),
                        code("kcat -b " + bootstrap + " -t orders -K: -P").withId("kcat-command")
                                .attr("data-bootstrap", bootstrap), text(" then type "), code("cust-1:hello"),
                        text(".")).withClass("hint")
        ).withClass("lab-more");
    }


    private static DomContent topicBar() {
        return section(
                h2("Topic"),
                div(
                        label("Topic ").attr("for", "topic-select"),
                        select().withId("topic-select"),
                        button("Delete topic").withId("topic-delete").withType("button")
                ).withClass("row"),
                form(
                        label("New topic ").attr("for", "topic-name"),
                        input().withId("topic-name").withName("name").withPlaceholder("orders").isRequired(),
                        label(" partitions ").attr("for", "topic-partitions"),
                        input().withId("topic-partitions").withName("partitions").withType("number")
                                .attr("min", "1").attr("max", "64").withValue("3"),
                        button("Create").withType("submit")
                ).withId("topic-create").withClass("row"),
                p().withId("topic-message").withClass("message").attr("role", "status")
        ).withId("topic-section");
    }

    private static DomContent lanes() {
        return section(
                h2("Partitions"),
                p(text("Each box is a record at its offset, newest on the right; a lane longer than the column scrolls, "
                        + "and follows the newest record until you scroll back (\"follow newest\" brings it back). "),
                        Icons.svg(Icons.DOWN), text(" marks the selected group's committed offset (the next record it will "
                                + "read); when it is out of sight, an arrow and \"lag N\" at the lane's edge say which way "
                                + "and how far behind it is, and take you there. Boxes past the last stable offset belong to "
                                + "a transaction that is still open.")).withClass("hint"),
                div().withId("lanes").withClass("lanes").attr("aria-live", "off"),
                h3("Transactions writing to this topic"),
                ul().withId("transactions").withClass("transactions"),
                details(summary("Transaction anatomy: every offset, control markers and aborted records"),
                        p("Compares what a read_uncommitted and a read_committed reader see: green records both see, "
                                + "struck-through red ones only read_uncommitted sees (their transaction aborted), grey "
                                + "dotted offsets neither sees (the commit and abort markers), yellow ones are past the "
                                + "last stable offset (a transaction still open).").withClass("hint"),
                        div().withId("anatomy").withClass("lanes")).withId("anatomy-details")
        ).withId("lanes-section");
    }

    private static DomContent produceForm() {
        return section(
                h2("Produce a record"),
                form(
                        div(label("Key ").attr("for", "produce-key"),
                                input().withId("produce-key").withName("key").withPlaceholder("cust-1 (empty: no key)")).withClass("row"),
                        div(label("Value ").attr("for", "produce-value"),
                                textarea().withId("produce-value").withName("value").attr("rows", "2")).withClass("row"),
                        details(summary("More: partition, event time, headers"),
                                div(label("Partition ").attr("for", "produce-partition"),
                                        input().withId("produce-partition").withName("partition").withType("number")
                                                .attr("min", "0").withPlaceholder("let the key decide")).withClass("row"),
                                div(label("Event time ").attr("for", "produce-event-time"),
                                        input().withId("produce-event-time").withName("eventTime")
                                                .withPlaceholder("2026-11-25T10:00:00Z or epoch seconds")).withClass("row"),
                                div(label("Headers (one name=value a line) ").attr("for", "produce-headers"),
                                        textarea().withId("produce-headers").withName("headers").attr("rows", "2")).withClass("row")),
                        button("Produce").withType("submit")
                ).withId("produce-form"),
                output().withId("produce-result").withClass("message").attr("role", "status")
        ).withId("produce-section");
    }

    private static DomContent groupPanel() {
        return section(
                h2("Consumer groups"),
                div(label("Group ").attr("for", "group-select"), select().withId("group-select")).withClass("row"),
                div().withId("group-summary").withClass("group-summary"),
                h3("Members and their partitions"),
                ul().withId("group-members").withClass("members"),
                h3("Lag over time"),
                div().withId("lag-chart").withClass("chart").attr("role", "img")
                        .attr("aria-label", "total lag of the selected group over the last minutes"),
                h3("What happened"),
                ol().withId("group-events").withClass("events").attr("aria-label", "the group's events")
                        .attr("tabindex", "0"), // it scrolls, so a keyboard must reach it
                form(fieldset(legend("Reset the group's offsets on this topic"),
                        select(option("earliest").withValue("earliest"), option("latest").withValue("latest"),
                                option("an offset").withValue("offset"), option("a time").withValue("time"))
                                .withId("reset-to").withName("to").attr("aria-label", "reset to"),
                        input().withId("reset-value").withName("value").withPlaceholder("offset or time")
                                .attr("aria-label", "offset or time"),
                        button("Reset").withType("submit"))).withId("reset-form"),
                output().withId("reset-result").withClass("message").attr("role", "status"),
                h3("Demo consumers inside the lab"),
                form(
                        label("Group ").attr("for", "consumer-group"),
                        input().withId("consumer-group").withName("group").withValue("billing").isRequired(),
                        label(" records/s ").attr("for", "consumer-rate"),
                        input().withId("consumer-rate").withName("recordsPerSecond").withType("number")
                                .attr("min", "0").withValue("0").attr("title", "0 = as fast as it can"),
                        button("Start a consumer").withType("submit")
                ).withId("consumer-start").withClass("row"),
                output().withId("consumer-result").withClass("message").attr("role", "status"),
                table(thead(tr(th("Consumer"), th("Group"), th("Partitions"), th("Read"), th("State"), th(span("Actions").withClass("visually-hidden"))))
                        , tbody().withId("consumers")).withClass("consumers")
        ).withId("group-section");
    }

    private static DomContent records() {
        return section(
                h2("Records"),
                form(fieldset(legend("View"),
                        label(input().withType("radio").withName("isolation").withValue("read_uncommitted").isChecked(),
                                text(" read_uncommitted")),
                        label(input().withType("radio").withName("isolation").withValue("read_committed"),
                                text(" read_committed")),
                        label(input().withType("radio").withName("isolation").withValue("both"),
                                text(" both, side by side"))),
                        fieldset(legend("From"),
                                select(option("the end (live)").withValue("end"), option("an offset").withValue("offset"),
                                        option("a time").withValue("time")).withId("replay-from").attr("aria-label", "replay from"),
                                input().withId("replay-value").withPlaceholder("offset or time").attr("aria-label", "offset or time"),
                                button("Replay").withType("submit"))
                ).withId("records-form"),
                p().withId("records-note").withClass("records-note").attr("role", "status"),
                p("Newest first: in the order the records arrived, by their timestamp (then partition and offset). Times are "
                        + "UTC; side by side leaves out time and headers. A cut value ends in …: point at it to read it whole.").withClass("hint"),
                div().withId("record-views").withClass("record-views")
        ).withId("records-section");
    }
}
