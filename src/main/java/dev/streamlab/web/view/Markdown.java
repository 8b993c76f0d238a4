package dev.streamlab.web.view;

import j2html.tags.DomContent;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;

import static j2html.TagCreator.div;
import static j2html.TagCreator.rawHtml;

/**
 * Lab content written in Markdown (CommonMark with GitHub tables), rendered to HTML. Raw HTML in the Markdown is
 * escaped and link targets are sanitized, so content cannot put markup or scripts on a page.
 */
public final class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            .sanitizeUrls(true).build();

    private Markdown() {
    }

    public static String html(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }

    /** The rendered Markdown in a {@code div.markdown}. */
    public static DomContent block(String markdown) {
        return div(rawHtml(html(markdown))).withClass("markdown");
    }
}
