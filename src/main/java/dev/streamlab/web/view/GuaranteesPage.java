package dev.streamlab.web.view;

import dev.streamlab.lab.Chapter;
import j2html.tags.DomContent;

import java.util.List;

import static j2html.TagCreator.button;
import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.li;
import static j2html.TagCreator.output;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

/**
 * Chapter 4, delivery guarantees: three workers over the same orders, crash controls, the results against the
 * truth, the transaction anatomy of the exactly-once output and an idempotent downstream. web/js/guarantees.js
 * fills it from the page's WebSocket.
 */
public final class GuaranteesPage {
    private GuaranteesPage() {
    }

    /** @param query the request's query string ("" for none): the presenter link keeps it */
    public static String render(SiteNav nav, Chapter chapter, ChapterParts parts, String bootstrapServers, String query) {
        return ChapterLayout.page(nav, chapter, List.of("guarantees.js"), lab(bootstrapServers), about(), parts,
                PresentPage.link(chapter, query));
    }

    /** The three modes in words, in the Read tab. */
    private static DomContent about() {
        return section(
                p("Three copies of the same consume-process-produce job turn orders into running totals per "
                        + "customer. They differ only in when they commit: before processing (at-most-once), after "
                        + "producing (at-least-once), or together with the output in one transaction "
                        + "(exactly-once). Each runs as its own process; a kill ends one inside its next "
                        + "batch, at the moment its mode is about, then restarts. Then compare what each wrote "
                        + "with the truth."),
                details(summary("The three modes, exactly"), ul(
                        li("at-most-once: commit the batch's offsets, then process it. A crash mid-batch skips the rest."),
                        li("at-least-once: process and produce, then commit. A crash mid-batch processes part of it again."),
                        li("exactly-once: an idempotent, transactional producer sends the consumed offsets inside the "
                                + "transaction with the output; readers use read_committed. A restarted worker with "
                                + "the same transactional id fences its predecessor: it gets a new producer epoch (or "
                                + "a new producer id) and the killed worker's open transaction is aborted. Under "
                                + "transactions v2 (Kafka 4, KIP-890) the epoch also grows at every commit, so a high "
                                + "epoch counts transactions, not restarts.")))
        ).withClass("intro about");
    }

    /** The live lab: the run and its three workers first, then the results against the truth and what follows. */
    public static DomContent lab(String bootstrapServers) {
        return div(
                section(
                        h2("Run"),
                        form(label("Orders ").attr("for", "orders-count"),
                                input().withId("orders-count").withType("number").attr("min", "10").attr("max", "100000")
                                        .withValue("1000"),
                                button("Start a fresh run").withType("submit")).withId("start-form").withClass("row"),
                        output().withId("run-status").withClass("message").attr("role", "status"),
                        div().withId("workers").withClass("workers")
                ).withId("run-section"),
                section(
                        h2("Results against the truth (read_committed)"),
                        table(thead(tr(th("mode"), th("lost"), th("duplicated"), th("totals"), th("verdict"), th("why"))),
                                tbody().withId("results")).withClass("results")
                ).withId("results-section"),
                section(
                        h2("Downstream: an idempotent upsert beside a naive sum"),
                        p("A consumer of the at-least-once output that upserts on the stable order_id turns duplicates "
                                + "into no-ops; one that just adds every record counts them twice.").withClass("hint"),
                        table(thead(tr(th("customer"), th("true total"), th("upsert on order_id"), th("naive sum"))),
                                tbody().withId("downstream")).withClass("results")
                ).withId("downstream-section"),
                section(
                        h2("Transaction anatomy of the exactly-once output"),
                        p("Every offset: committed records, the commit and abort markers, records of aborted "
                                + "transactions (left behind by a killed worker) and the producers with their epochs. The "
                                + "epoch grows at each commit (transactions v2); after a kill, each transactional id shows "
                                + "its producer before and after the restart.")
                                .withClass("hint"),
                        div().withId("anatomy").withClass("lanes")
                ).withId("anatomy-section"),
                section(
                        h2("Check your own code"),
                        p("Run your own consume-process-produce program (any language) under the same crashes: "
                                + "java -jar target/streamlab.jar chaos --kills 3 --records 1000 --input in --output out "
                                + "--bootstrap-servers " + bootstrapServers + " -- python3 labs/guarantees/transactional_worker.py")
                                .withClass("hint"),
                        p("chaos kills your program only while it works, and waits for it after each restart: a "
                                + "killed member stays in its group until its session times out (session.timeout.ms, 45 s "
                                + "by default), so a restart without static membership may wait that long for partitions.")
                                .withClass("hint"),
                        p().withId("chaos-verdict").withClass("message").attr("role", "status"),
                        // Lists that scroll take keyboard focus, so a keyboard can scroll them too.
                        ul().withId("chaos-runs").withClass("events").attr("aria-label", "what each restart waited for")
                                .attr("tabindex", "0"),
                        ul().withId("chaos-lines").withClass("events").attr("aria-label", "what chaos printed")
                                .attr("tabindex", "0")
                ).withId("chaos-section")
        ).withClass("guarantees-lab");
    }
}
