package dev.streamlab.web.view;

import java.util.List;

import static j2html.TagCreator.a;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;

/** A quest page whose hands-on part is not built yet: its title, what it will teach, a way back. */
public final class ComingSoonPage {
    private ComingSoonPage() {
    }

    public static String render(SiteNav nav, String title, String summary) {
        return Frame.render(title, nav, List.of(), section(
                h1(title),
                p(summary),
                p("This part of the lab is coming soon.").withClass("coming-soon"),
                p(a("Back to the quest").withHref("/"))));
    }
}
