package dev.streamlab.web.view;

import dev.streamlab.lab.Chapter;
import j2html.tags.DomContent;

import java.util.List;

/** Chapter 1: the live batch-versus-stream demo on one order stream, lab first; the reading and the checks as tabs. */
public final class BatchVsStreamPage {
    private BatchVsStreamPage() {
    }

    public static String render(SiteNav nav, Chapter chapter, ChapterParts parts, DomContent demo,
                                List<String> demoModules) {
        return ChapterLayout.page(nav, chapter, demoModules, demo, null, parts, null);
    }
}
