package dev.streamlab.web.view;

import java.util.List;

import static j2html.TagCreator.a;
import static j2html.TagCreator.code;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.text;

/** Shown for a path the lab has no page for. */
public final class NotFoundPage {
    private NotFoundPage() {
    }

    public static String render(SiteNav nav, String path) {
        return Frame.render("Not found", nav, List.of(), section(
                h1("No such page"),
                p(text("The lab has nothing at "), code(path), text(".")),
                p(a("Back to the quest").withHref("/"))));
    }
}
