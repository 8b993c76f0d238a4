package dev.streamlab.web;

import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.Chapter;
import dev.streamlab.web.view.BatchStreamDemo;
import dev.streamlab.web.view.BatchVsStreamPage;
import dev.streamlab.web.view.ChallengePage;
import dev.streamlab.web.view.ChapterParts;
import dev.streamlab.web.view.ComingSoonPage;
import dev.streamlab.web.view.GuaranteesPage;
import dev.streamlab.web.view.HomePage;
import dev.streamlab.web.view.InstructorPage;
import dev.streamlab.web.view.KafkaPage;
import dev.streamlab.web.view.TimePage;
import dev.streamlab.web.view.NotFoundPage;
import dev.streamlab.web.view.PresentPage;
import dev.streamlab.web.view.SiteNav;
import dev.streamlab.lab.progress.Standing;
import io.javalin.http.Context;

import java.util.List;
import java.util.Set;


/** Server-rendered pages: picks the page, hands it records, writes the HTML. */
final class PageController {
    private final WebContext lab;
    private final Learners learners;

    PageController(WebContext lab, Learners learners) {
        this.lab = lab;
        this.learners = learners;
    }

    void home(Context ctx) {
        Standing standing = lab.learning().standing(learners.of(ctx));
        ctx.html(HomePage.render(SiteNav.of(lab.quest(), standing, ctx.path()), lab.quest(), lab.broker(),
                lab.clusterStatus().get(), standing));
    }

    /** The header's way through the quest, with this learner's progress and the page asked for marked. */
    private SiteNav nav(Context ctx) {
        return SiteNav.of(lab.quest(), lab.learning().standing(learners.of(ctx)), ctx.path());
    }

    void chapter(Context ctx, Chapter chapter) {
        SiteNav nav = nav(ctx);
        ChapterParts parts = ChapterParts.of(chapter, lab.learning().progress(learners.of(ctx)),
                lab.broker().bootstrapServers(), next(chapter));
        if (chapter.id().equals("batch-vs-stream")) {
            ctx.html(BatchVsStreamPage.render(nav, chapter, parts, BatchStreamDemo.render(lab.broker().bootstrapServers()),
                    List.of("batch-stream.js")));
            return;
        }
        String query = ctx.queryString() == null ? "" : ctx.queryString();
        if (chapter.id().equals("time")) {
            ctx.html(TimePage.render(nav, chapter, parts, scenarios(), ctx.queryParam("scenario"), query));
            return;
        }
        if (chapter.id().equals("guarantees")) {
            ctx.html(GuaranteesPage.render(nav, chapter, parts, lab.broker().bootstrapServers(), query));
            return;
        }
        if (chapter.id().equals("kafka")) {
            ctx.html(KafkaPage.render(nav, chapter, parts, lab.broker().bootstrapServers(), query));
            return;
        }
        ctx.html(ComingSoonPage.render(nav, "Chapter " + chapter.number() + ": " + chapter.title(), chapter.summary()));
    }

    /** The chapters whose lab has a presenter view (at /present + the chapter's path). */
    static final Set<String> PRESENTABLE = Set.of("time", "kafka", "guarantees");

    /** The presenter view of a chapter's lab: the lab alone, full screen, for a room. */
    void present(Context ctx, Chapter chapter) {
        String bootstrap = lab.broker().bootstrapServers();
        ctx.html(switch (chapter.id()) {
            case "time" -> PresentPage.time(chapter, scenarios(), ctx.queryParam("scenario"));
            case "kafka" -> PresentPage.kafka(chapter, bootstrap);
            case "guarantees" -> PresentPage.guarantees(chapter, bootstrap);
            default -> throw new IllegalArgumentException("no presenter view for " + chapter.id());
        });
    }

    private List<TimePage.ScenarioChoice> scenarios() {
        return lab.time().playback().catalog().entries().stream()
                .map(e -> new TimePage.ScenarioChoice(e.id(), e.title())).toList();
    }

    /** The page after a chapter: the next chapter, after the last one the first challenge, else home. */
    private ChapterParts.Next next(Chapter chapter) {
        var chapters = lab.quest().chapters();
        int i = chapters.indexOf(chapter);
        if (i + 1 < chapters.size()) {
            Chapter next = chapters.get(i + 1);
            return new ChapterParts.Next("Chapter " + next.number() + ", " + next.title(), next.path());
        }
        return lab.quest().challenges().stream().findFirst()
                .map(c -> new ChapterParts.Next(c.level() + " challenge, " + c.title(), c.path()))
                .orElse(new ChapterParts.Next("the quest's map", "/"));
    }

    void challenge(Context ctx, Challenge challenge) {
        ctx.html(ChallengePage.render(nav(ctx), challenge, lab.broker().bootstrapServers(), labUrl(ctx),
                lab.learning().progress(learners.of(ctx))));
    }

    /** The lab's address as this request reached it, for commands a learner copies (curl, validate --lab). */
    static String labUrl(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    void instructor(Context ctx, String boardKey) {
        ctx.html(InstructorPage.render(nav(ctx), boardKey));
    }

    void notFound(Context ctx) {
        ctx.html(NotFoundPage.render(nav(ctx), ctx.path()));
    }
}
