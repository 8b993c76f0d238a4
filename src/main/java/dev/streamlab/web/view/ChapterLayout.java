package dev.streamlab.web.view;

import dev.streamlab.lab.Chapter;
import j2html.tags.DomContent;
import j2html.tags.specialized.SectionTag;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.header;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;

/**
 * Every chapter page's shape, lab first: a one-line title with the tabs Lab, Read and Check beside it, then the
 * three panels, the lab shown. Each tab has its own URL (#lab, #read, #check); web/js/tabs.js switches them, follows
 * back and forward, and opens the tab a link or a reload names. Without the script only the lab shows.
 */
public final class ChapterLayout {
    /** A part of the page: the URL fragment that names it and its tab's label. */
    private record Tab(String part, String label) {
    }

    private static final List<Tab> TABS = List.of(new Tab("lab", "Lab"), new Tab("read", "Read"), new Tab("check", "Check"));

    /** The modules a chapter page needs besides its lab's own: the tabs, then the answers of the check. */
    public static final List<String> MODULES = List.of("tabs.js", "quiz.js");

    private ChapterLayout() {
    }

    /** The title, the tabs and their three panels; {@link #page} says what each part is. */
    private static DomContent render(Chapter chapter, DomContent lab, DomContent about, ChapterParts parts, DomContent beside) {
        return div(
                header(
                        div(h1(title(chapter)), p(chapter.summary()).withClass("chapter-summary")).withClass("chapter-title"),
                        div(tabs()).withClass("tabs").attr("role", "tablist").attr("aria-label", "Parts of this chapter"),
                        beside
                ).withClass("chapter-head"),
                panel("lab", lab),
                panel("read", div(about, parts.reading())).attr("hidden", "hidden"),
                panel("check", parts.questions()).attr("hidden", "hidden")
        ).withClass("chapter-page").attr("data-chapter", chapter.id());
    }

    /**
     * A whole chapter page: the frame with the quest's header, then the title, the tabs and their panels; the lab's
     * own modules load first, then the tabs' and the check's.
     *
     * @param lab    the live lab: its controls and picture first, anything long below them (collapsed)
     * @param about  the page's own explanation, shown in Read above the chapter's reading (null for none)
     * @param beside beside the tabs, or null for nothing (the presenter view's link)
     */
    public static String page(SiteNav nav, Chapter chapter, List<String> labModules, DomContent lab, DomContent about,
                              ChapterParts parts, DomContent beside) {
        List<String> modules = new ArrayList<>(labModules);
        modules.addAll(MODULES);
        return Frame.render(title(chapter), nav, modules, render(chapter, lab, about, parts, beside));
    }

    /** "Chapter 3: Event time, watermarks and windows": the page's heading and its tab's title. */
    public static String title(Chapter chapter) {
        return "Chapter " + chapter.number() + ": " + chapter.title();
    }

    /** The lab's tab selected and the only one in the tab order; the arrow keys reach the others. */
    private static DomContent tabs() {
        return each(TABS, tab -> {
            boolean first = tab == TABS.get(0);
            return button(tab.label()).withType("button").withId("tab-" + tab.part()).attr("role", "tab")
                    .attr("aria-selected", String.valueOf(first)).attr("aria-controls", "panel-" + tab.part())
                    .attr("tabindex", first ? "0" : "-1").attr("data-part", tab.part());
        });
    }

    private static SectionTag panel(String part, DomContent content) {
        return section(content).withId("panel-" + part).withClass("tab-panel").attr("role", "tabpanel")
                .attr("aria-labelledby", "tab-" + part).attr("data-part", part);
    }
}
