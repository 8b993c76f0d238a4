package dev.streamlab.web.view;

import j2html.tags.DomContent;

import static j2html.TagCreator.button;
import static j2html.TagCreator.caption;
import static j2html.TagCreator.code;
import static j2html.TagCreator.dd;
import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.dl;
import static j2html.TagCreator.dt;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.output;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.tfoot;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;

/**
 * Chapter 1's live demo as one section: the same topic of orders added up by a batch job (left) and a running
 * stream (right), with controls to feed it. A pure function of the bootstrap address: web/js/batch-stream.js finds
 * the elements by id and fills in everything that changes.
 */
public final class BatchStreamDemo {
    /** The topic the demo uses unless the page's address says {@code ?topic=bs-...}. */
    public static final String TOPIC = "bs-orders";

    private BatchStreamDemo() {
    }

    public static DomContent render(String bootstrapServers) {
        return section(
                h2("Try it: one topic, added up two ways"),
                controls(),
                div(batchPanel(), streamPanel()).withClass("bs-columns"),
                details(summary("How to read this"), p("Here the same orders (topic " + TOPIC + ", one JSON record per order, keyed by customer) are added up "
                        + "twice: per customer, how many orders and how much money. In the left column a batch job reads what "
                        + "the topic holds at the moment you press its button, then stops. In the right column a stream job "
                        + "reads the same records and then simply keeps going. Feed the topic and watch the two drift "
                        + "apart.").withClass("hint")).withClass("lab-more"),
                outside(bootstrapServers)
        ).withId("batch-stream").withClass("bs-demo").attr("data-topic", TOPIC).attr("data-bootstrap", bootstrapServers);
    }

    private static DomContent controls() {
        return div(
                div(
                        button("Start a trickle of orders").withId("bs-trickle").withType("button")
                                .attr("aria-pressed", "false"),
                        button("Add 10 orders now").withId("bs-add").withType("button"),
                        button("Reset (empty the topic)").withId("bs-reset").withType("button")
                ).withClass("row").attr("role", "group").attr("aria-label", "Feed the topic"),
                p().withId("bs-trickle-state").withClass("hint").attr("role", "status"),
                output().withId("bs-message").withClass("message").attr("role", "status")
        ).withClass("bs-controls");
    }

    private static DomContent batchPanel() {
        return section(
                h3("Batch: a finished pile").withId("bs-batch-title"),
                p("Takes the end of every partition, reads up to there and stops. Its answer is final for what it read.")
                        .withClass("hint"),
                button("Run the batch job").withId("bs-run").withType("button"),
                p("Not run yet: press the button.").withId("bs-batch-caption").withClass("bs-caption")
                        .attr("aria-live", "polite"),
                p().withId("bs-stale").withClass("bs-stale").attr("hidden", "hidden"),
                dl(
                        dt("Records read"), dd("–").withId("bs-batch-records"),
                        dt("Stopped at offsets"), dd("–").withId("bs-batch-ends"),
                        dt("Ran at"), dd("–").withId("bs-batch-ran"),
                        dt("Took"), dd("–").withId("bs-batch-took")
                ).withClass("facts"),
                totals("bs-batch")
        ).withClass("bs-panel bs-batch").attr("aria-labelledby", "bs-batch-title");
    }

    private static DomContent streamPanel() {
        return section(
                h3("Stream: a river that never ends").withId("bs-stream-title"),
                p("Reads from the first offset, then every record the moment it arrives. There is no last record, so "
                        + "it never finishes.").withClass("hint"),
                p("Connecting…").withId("bs-stream-status").withClass("bs-status").attr("role", "status"),
                p().withId("bs-stream-caption").withClass("bs-caption").attr("aria-live", "off"),
                dl(
                        dt("Records seen"), dd("–").withId("bs-stream-records"),
                        dt("Next offsets"), dd("–").withId("bs-stream-positions"),
                        dt("Running since"), dd("–").withId("bs-stream-since"),
                        dt("Last record"), dd("–").withId("bs-stream-last")
                ).withClass("facts"),
                totals("bs-stream")
        ).withClass("bs-panel bs-stream").attr("aria-labelledby", "bs-stream-title");
    }

    private static DomContent totals(String prefix) {
        return table(
                caption("Totals per customer"),
                thead(tr(th("Customer").attr("scope", "col"), th("Orders").attr("scope", "col"),
                        th("Sum").attr("scope", "col"))),
                tbody().withId(prefix + "-rows"),
                tfoot(tr(th("All").attr("scope", "row"), td("0").withId(prefix + "-orders"),
                        td("0.00").withId(prefix + "-sum")))
        ).withClass("bs-totals").withId(prefix + "-totals");
    }

    private static DomContent outside(String bootstrap) {
        return details(
                summary("Add orders from outside the lab"),
                p("Any Kafka client can write to the topic; both jobs count what it writes. With kcat, start a producer "
                        + "and type one order a line, key and value separated by a colon:"),
                p(code(kcatCommand(bootstrap, TOPIC)).withId("bs-kcat")),
                p(code(kcatLine()).withId("bs-kcat-line")),
                p("With Python (kafka-python), one order:"),
                p(code(pythonCommand(bootstrap, TOPIC)).withId("bs-python")),
                p(text("A record that is not an order's JSON is counted as \"not an order\" by both jobs, never guessed at."))
                        .withClass("hint")
        ).withClass("bs-outside");
    }

    /** The kcat producer a learner can paste; typed lines are {@code key:value}. */
    public static String kcatCommand(String bootstrap, String topic) {
        return "kcat -b " + bootstrap + " -t " + topic + " -K: -P";
    }

    static String kcatLine() {
        return "cust-9:{\"order_id\":\"my-1\",\"customer\":\"cust-9\",\"amount\":12.5,\"event_time\":1795605600}";
    }

    /** A one-line Python program that writes one order to {@code topic}. */
    public static String pythonCommand(String bootstrap, String topic) {
        return "python3 -c 'import json, time; from kafka import KafkaProducer; "
                + "p = KafkaProducer(bootstrap_servers=\"" + bootstrap + "\"); "
                + "p.send(\"" + topic + "\", key=b\"cust-9\", value=json.dumps({\"order_id\": \"py-1\", "
                + "\"customer\": \"cust-9\", \"amount\": 12.5, \"event_time\": int(time.time())}).encode()); p.flush()'";
    }
}
