package dev.streamlab.web.view;

import dev.streamlab.lab.Chapter;
import j2html.tags.DomContent;
import j2html.tags.specialized.SectionTag;

import java.util.List;

import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.header;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;

/**
 * Every chapter page's shape, lab first: a one-line title with the tabs Lab, Read and Check beside it, then the
 * three panels, the lab shown. Each tab has its own URL (#lab, #read, #check); web/js/tabs.js switches them, follows
 * back and forward, and opens the tab a link or a reload names. Without the script the lab still works.
 */
public final class ChapterLayout {
    /** The parts, in tab order: the URL fragment that names each and its tab's label. */
    private static final String[][] TABS = {{"lab", "Lab"}, {"read", "Read"}, {"check", "Check"}};

    /** The modules a chapter page needs besides its lab's own: the tabs, then the answers of the check. */
    public static final List<String> MODULES = List.of("tabs.js", "quiz.js");

    private ChapterLayout() {
    }

    /**
     * @param lab   the live lab: its controls and picture first, anything long below them (collapsed)
     * @param about the page's own explanation, shown in Read above the chapter's reading (null for none)
     */
    public static DomContent render(Chapter chapter, DomContent lab, DomContent about, ChapterParts parts) {
        return div(
                header(
                        div(h1(title(chapter)), p(chapter.summary()).withClass("chapter-summary")).withClass("chapter-title"),
                        div(tabs()).withClass("tabs").attr("role", "tablist").attr("aria-label", "Parts of this chapter")
                ).withClass("chapter-head"),
                panel("lab", lab),
                panel("read", div(about, parts.reading())).attr("hidden", "hidden"),
                panel("check", parts.questions()).attr("hidden", "hidden")
        ).withClass("chapter-page").attr("data-chapter", chapter.id());
    }

    public static String title(Chapter chapter) {
        return "Chapter " + chapter.number() + ": " + chapter.title();
    }

    private static DomContent[] tabs() {
        DomContent[] tabs = new DomContent[TABS.length];
        for (int i = 0; i < TABS.length; i++) {
            String part = TABS[i][0];
            tabs[i] = button(TABS[i][1]).withType("button").withId("tab-" + part).attr("role", "tab")
                    .attr("aria-selected", String.valueOf(i == 0)).attr("aria-controls", "panel-" + part)
                    .attr("tabindex", i == 0 ? "0" : "-1").attr("data-part", part);
        }
        return tabs;
    }

    private static SectionTag panel(String part, DomContent content) {
        return section(content).withId("panel-" + part).withClass("tab-panel").attr("role", "tabpanel")
                .attr("aria-labelledby", "tab-" + part).attr("data-part", part);
    }
}
