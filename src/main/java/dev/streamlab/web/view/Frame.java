package dev.streamlab.web.view;

import j2html.tags.DomContent;

import java.util.List;

import static j2html.TagCreator.a;
import static j2html.TagCreator.each;
import static j2html.TagCreator.body;
import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.document;
import static j2html.TagCreator.footer;
import static j2html.TagCreator.header;
import static j2html.TagCreator.html;
import static j2html.TagCreator.link;
import static j2html.TagCreator.main;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.script;
import static j2html.TagCreator.span;
import static j2html.TagCreator.title;

/**
 * The frame every page shares: head, a header with the lab's name and the way through the quest ({@link SiteNav}),
 * the page's content, its ES modules.
 */
public final class Frame {
    private static final List<String> STYLESHEETS =
            List.of("streamlab.css", "layout.css", "time.css", "kafka.css", "guarantees.css", "present.css");

    private Frame() {
    }

    /**
     * @param pageTitle shown in the tab after "Streamlab"
     * @param module    a file under web/js/ to load as an ES module, or null for none
     */
    public static String render(String pageTitle, String module, DomContent... content) {
        return render(pageTitle, module == null ? List.of() : List.of(module), content);
    }

    /** Like {@link #render(String, String, DomContent...)} with several ES modules, loaded in order. */
    public static String render(String pageTitle, List<String> modules, DomContent... content) {
        return render(pageTitle, SiteNav.NONE, modules, content);
    }

    /** A page inside the quest: its header links every chapter and challenge, {@code nav} saying which is this one. */
    public static String render(String pageTitle, SiteNav nav, List<String> modules, DomContent... content) {
        return document(html(
                head(pageTitle, modules),
                body(
                        header(a(span("Streamlab").withClass("brand")).withHref("/").withClass("brand-link"), nav.render(), themeSwitch())
                                .withClass("site-header"),
                        div().withId("live-banner").withClass("live-banner").attr("role", "status").attr("hidden", "hidden"),
                        main(content).withId("main"),
                        footer("A real Kafka broker, a stream processor you can watch, and challenges that check themselves.")
                                .withClass("site-footer"))
        ).withLang("en"));
    }

    /**
     * A page that is nothing but its content, for projecting: the same head (stylesheets, status, modules), no site
     * header or footer, and a body class that scopes the view's own rules (present.css) to it alone.
     */
    public static String bare(String pageTitle, String bodyClass, List<String> modules, DomContent... content) {
        return document(html(
                head(pageTitle, modules),
                body(
                        div().withId("live-banner").withClass("live-banner").attr("role", "status").attr("hidden", "hidden"),
                        main(content).withId("main")
                ).withClass(bodyClass)
        ).withLang("en"));
    }

    private static DomContent head(String pageTitle, List<String> modules) {
        return j2html.TagCreator.head(
                meta().withCharset("utf-8"),
                meta().withName("viewport").withContent("width=device-width, initial-scale=1"),
                title(pageTitle + " · Streamlab"),
                // A classic blocking script, so the theme is set before the first paint (see theme.js).
                script().withSrc("/web/js/theme.js"),
                // Tokens and shared components first, then each part's own rules, which may override them.
                each(STYLESHEETS, sheet -> link().withRel("stylesheet").withHref("/web/css/" + sheet)),
                link().withRel("icon").withType("image/svg+xml").withHref("/web/img/favicon.svg"),
                // Every page says when the lab or Kafka is unreachable; status.js shares the page's one WebSocket.
                script().withType("module").withSrc("/web/js/status.js"),
                each(modules, module -> script().withType("module").withSrc("/web/js/" + module)));
    }

    /** Last in the header: a toggle (pressed = dark), shown by theme.js, which alone can make it work. */
    private static DomContent themeSwitch() {
        // The icon alone, so the quest's links and the switch share one row at 1400 px; the words are for screen
        // readers and the tooltip.
        return button(Icons.svg(Icons.MOON), span("Dark theme").withClass("visually-hidden")).withType("button")
                .withId("theme-switch").withClass("theme-switch").attr("title", "Dark theme")
                .attr("aria-pressed", "false").attr("hidden", "hidden");
    }
}
