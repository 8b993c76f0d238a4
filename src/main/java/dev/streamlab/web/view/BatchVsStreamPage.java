package dev.streamlab.web.view;

import dev.streamlab.lab.Chapter;
import j2html.tags.DomContent;

import java.util.List;

import static j2html.TagCreator.h1;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;

/** Chapter 1: the reading, the live batch-versus-stream demo on one order stream, the decision exercise and checks. */
public final class BatchVsStreamPage {
    private BatchVsStreamPage() {
    }

    public static String render(Chapter chapter, ChapterParts parts, DomContent demo, List<String> demoModules) {
        List<String> modules = new java.util.ArrayList<>(demoModules);
        modules.add("quiz.js");
        return Frame.render("Chapter " + chapter.number() + ": " + chapter.title(), modules,
                section(h1("Chapter " + chapter.number() + ": " + chapter.title()), p(chapter.summary()))
                        .withClass("intro"),
                parts.reading(),
                demo,
                parts.questions());
    }
}
