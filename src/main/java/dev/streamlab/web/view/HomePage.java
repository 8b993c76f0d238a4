package dev.streamlab.web.view;

import dev.streamlab.kafka.BrokerInfo;
import dev.streamlab.kafka.ClusterStatus;
import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.Quest;
import dev.streamlab.lab.progress.Standing;
import j2html.tags.DomContent;

import java.util.List;

import static j2html.TagCreator.a;
import static j2html.TagCreator.button;
import static j2html.TagCreator.code;
import static j2html.TagCreator.dd;
import static j2html.TagCreator.div;
import static j2html.TagCreator.dl;
import static j2html.TagCreator.dt;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.li;
import static j2html.TagCreator.ol;
import static j2html.TagCreator.output;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.text;
import static j2html.TagCreator.ul;

/** The home page: what Streamlab is, whether its broker is up (kept current by home.js), the quest's map. */
public final class HomePage {
    private HomePage() {
    }

    public static String render(SiteNav nav, Quest quest, BrokerInfo broker, ClusterStatus status, Standing standing) {
        return Frame.render("Home", nav, List.of("home.js", "progress.js"),
                section(
                        h1("Streamlab"),
                        p("Learn stream processing on a real Apache Kafka broker. Produce with any client, watch the log, "
                                + "the consumer groups and a stream processor's clock at work, and let the lab check your solutions "
                                + "by looking at the broker itself.")).withClass("intro"),
                nextStep(quest, standing),
                progressNotice(standing),
                brokerStatus(broker, status),
                section(
                        h2(quest.title()),
                        h3("Chapters"),
                        ol(each(standing.chapters(), HomePage::chapterItem)).withClass("chapters"),
                        h3("Challenges"),
                        ul(each(quest.challenges(), c -> challengeItem(c, standing))).withClass("challenges")
                ).withClass("quest"),
                ProgressPanel.render(standing));
    }

    /**
     * Where to go now, first on the page: a learner who has done nothing yet starts at chapter 1; otherwise the first
     * chapter with questions still open, then the first challenge not passed, in the quest's order.
     */
    private static DomContent nextStep(Quest quest, Standing standing) {
        boolean fresh = standing.chapters().stream().allMatch(c -> c.knowledgeRight() + c.decisionsRight() == 0)
                && standing.challenges().stream().allMatch(c -> c.passedCount() == 0);
        String lead = fresh ? "Start here: " : "Next: ";
        for (int i = 0; i < standing.chapters().size(); i++) {
            Standing.ChapterStatus c = standing.chapters().get(i);
            if (fresh || c.knowledgeRight() < c.knowledgeTotal() || c.decisionsRight() < c.decisionsTotal()) {
                return next(lead, "Chapter " + (i + 1) + ": " + c.title(), c.path(),
                        fresh ? "Open its lab, try it, then read and check what you saw."
                                : (c.knowledgeRight() + c.decisionsRight()) + " of " + (c.knowledgeTotal()
                                + c.decisionsTotal()) + " questions answered right so far.");
            }
        }
        for (Challenge challenge : quest.challenges()) {
            Standing.ChallengeStatus c = standing.challenges().stream().filter(s -> s.id().equals(challenge.id()))
                    .findFirst().orElseThrow();
            if (!c.complete()) {
                return next(lead, challenge.level() + " challenge: " + challenge.title(), challenge.path(),
                        c.passedCount() + " of " + c.total() + " requirements passed so far.");
            }
        }
        return section(p(strong("Quest complete."), text(" Every chapter answered and every challenge passed.")))
                .withId("next-step").withClass("next-step");
    }

    private static DomContent next(String lead, String title, String path, String detail) {
        return section(
                p(strong(lead), a(title + " →").withHref(path).withId("next-step-link")).withClass("next-step-lead"),
                p(detail).withClass("hint")
        ).withId("next-step").withClass("next-step").attr("aria-label", lead.replace(": ", ""));
    }

    /** Said near the top, where it is read: the learner's progress looks empty and this says why (j2html escapes it). */
    private static DomContent progressNotice(Standing standing) {
        if (standing.notice() == null) {
            return null;
        }
        return section(
                p(standing.notice().text()).withId("progress-notice-text"),
                div(button("Understood, hide this").withType("button").withId("dismiss-progress-notice"),
                        output().withId("progress-notice-message").withClass("message").attr("role", "status"))
                        .withClass("row")
        ).withId("progress-notice").withClass("notice").attr("role", "alert");
    }

    private static DomContent brokerStatus(BrokerInfo broker, ClusterStatus status) {
        return section(
                h2("Broker"),
                p(
                        span(status.reachable() ? "up" : "down")
                                .withId("broker-state")
                                .withClass("badge " + (status.reachable() ? "badge-up" : "badge-down"))
                                .attr("data-state", status.reachable() ? "up" : "down"),
                        span(status.problem().orElse("")).withId("broker-problem").withClass("problem")),
                dl(
                        dt("Mode"), dd(broker.mode().label()).withId("broker-mode"),
                        dt("Bootstrap servers"), dd(code(broker.bootstrapServers())).withId("broker-bootstrap"),
                        dt("Kafka version"), dd(broker.brokerVersion().orElse("client " + broker.clientVersion()))
                                .withId("broker-version"),
                        dt("Cluster id"), dd(status.clusterId().orElse("unknown")).withId("broker-cluster-id")
                ).withClass("facts"),
                p(text("Connect any Kafka client to "), code(broker.bootstrapServers()), text(".")).withClass("hint")
        ).withId("broker").attr("aria-live", "polite");
    }

    private static DomContent chapterItem(Standing.ChapterStatus chapter) {
        return li(a(chapter.title()).withHref(chapter.path()),
                span(" · knowledge check " + chapter.knowledgeRight() + " of " + chapter.knowledgeTotal() + " right")
                        .withClass("tally"),
                div(chapterSummary(chapter)).withClass("summary")).withId("chapter-" + chapter.id());
    }

    private static String chapterSummary(Standing.ChapterStatus chapter) {
        return chapter.decisionsTotal() == 0 ? "" : "Decisions: " + chapter.decisionsRight() + " of "
                + chapter.decisionsTotal() + " right.";
    }

    private static DomContent challengeItem(Challenge challenge, Standing standing) {
        Standing.ChallengeStatus status = standing.challenges().stream().filter(s -> s.id().equals(challenge.id()))
                .findFirst().orElseThrow();
        // The space keeps the level a word of its own ("Intermediate A windowed count", not "IntermediateA").
        return li(span(challenge.level()).withClass("level level-" + challenge.id()), text(" "),
                a(challenge.title()).withHref(challenge.path()),
                span(text(" · " + status.passedCount() + " of " + status.total() + " requirements passed"),
                        status.complete() ? span(text(" · complete "), Icons.state(true)) : null).withClass("tally"),
                div(challenge.summary()).withClass("summary")).withId("challenge-" + challenge.id());
    }
}
