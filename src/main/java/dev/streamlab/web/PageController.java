package dev.streamlab.web;

import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.Chapter;
import dev.streamlab.web.view.BatchStreamDemo;
import dev.streamlab.web.view.ComingSoonPage;
import dev.streamlab.web.view.Frame;
import dev.streamlab.web.view.GuaranteesPage;
import dev.streamlab.web.view.HomePage;
import dev.streamlab.web.view.KafkaPage;
import dev.streamlab.web.view.TimePage;
import dev.streamlab.web.view.NotFoundPage;
import io.javalin.http.Context;

/** Server-rendered pages: picks the page, hands it records, writes the HTML. */
final class PageController {
    private final WebContext lab;

    PageController(WebContext lab) {
        this.lab = lab;
    }

    void home(Context ctx) {
        ctx.html(HomePage.render(lab.quest(), lab.broker(), lab.clusterStatus().get()));
    }

    void chapter(Context ctx, Chapter chapter) {
        if (chapter.id().equals("time")) {
            ctx.html(TimePage.render(chapter, lab.time().playback().catalog().entries().stream()
                    .map(e -> new TimePage.ScenarioChoice(e.id(), e.title())).toList()));
            return;
        }
        if (chapter.id().equals("guarantees")) {
            ctx.html(GuaranteesPage.render(chapter, lab.broker().bootstrapServers()));
            return;
        }
        if (chapter.id().equals("batch-vs-stream")) {
            // Until the chapter page exists, the demo alone; the full page places this section after the reading.
            ctx.html(Frame.render("Chapter " + chapter.number() + ": " + chapter.title(), "batch-stream.js",
                    BatchStreamDemo.render(lab.broker().bootstrapServers())));
            return;
        }
        if (chapter.id().equals("kafka")) {
            ctx.html(KafkaPage.render(chapter, lab.broker().bootstrapServers()));
            return;
        }
        ctx.html(ComingSoonPage.render("Chapter " + chapter.number() + ": " + chapter.title(), chapter.summary()));
    }

    void challenge(Context ctx, Challenge challenge) {
        ctx.html(ComingSoonPage.render(challenge.level() + " challenge: " + challenge.title(), challenge.summary()));
    }

    void notFound(Context ctx) {
        ctx.html(NotFoundPage.render(ctx.path()));
    }
}
