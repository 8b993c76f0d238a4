package dev.streamlab.web.view;

import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.Quest;
import dev.streamlab.lab.progress.Standing;
import j2html.tags.DomContent;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.a;
import static j2html.TagCreator.each;
import static j2html.TagCreator.li;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.ol;
import static j2html.TagCreator.span;

/**
 * The header's way through the quest: every chapter, then every challenge, in the quest's order, each with the
 * learner's progress on it, and the page being shown marked with aria-current="page". Built from the learner's
 * {@link Standing} on the server, so it is right on the first paint and needs no script.
 */
public record SiteNav(List<Entry> entries) {
    /** No way through the quest: pages that stand outside it show only the lab's name. */
    public static final SiteNav NONE = new SiteNav(List.of());

    public SiteNav {
        entries = List.copyOf(entries);
    }

    /**
     * One stop: {@code mark} is its short name ("1", "Novice"), {@code label} the words shown beside it (null for
     * none), {@code title} its whole name, {@code progress} how far the learner got ("2/5"), {@code done} whether
     * all of it is.
     */
    public record Entry(String mark, String label, String title, String path, String progress, boolean done,
                        boolean current) {
    }

    /** The quest's chapters and challenges as {@code standing} has them, marking the one at {@code currentPath}. */
    public static SiteNav of(Quest quest, Standing standing, String currentPath) {
        List<Entry> entries = new ArrayList<>();
        int number = 1;
        for (Standing.ChapterStatus c : standing.chapters()) {
            int right = c.knowledgeRight() + c.decisionsRight();
            int total = c.knowledgeTotal() + c.decisionsTotal();
            entries.add(new Entry(String.valueOf(number++), shortTitle(c.title()), c.title(), c.path(), right + "/" + total,
                    total > 0 && right == total, c.path().equals(currentPath)));
        }
        for (Challenge challenge : quest.challenges()) {
            Standing.ChallengeStatus c = standing.challenges().stream().filter(s -> s.id().equals(challenge.id()))
                    .findFirst().orElseThrow();
            entries.add(new Entry(challenge.level(), null, challenge.level() + " challenge: " + c.title(), c.path(),
                    c.passedCount() + "/" + c.total(), c.complete(), c.path().equals(currentPath)));
        }
        return new SiteNav(entries);
    }

    /**
     * A title short enough for a header that holds the whole quest at 1400 px: up to its first comma, and a long one
     * up to its first "and" ("Event time, watermarks and windows" is "Event time"). The link's title has it whole.
     */
    static String shortTitle(String title) {
        String s = title.contains(", ") ? title.substring(0, title.indexOf(", ")) : title;
        return s.length() > 20 && s.contains(" and ") ? s.substring(0, s.indexOf(" and ")) : s;
    }

    DomContent render() {
        if (entries.isEmpty()) {
            return null;
        }
        return nav(ol(each(entries, SiteNav::item))).withClass("quest-nav").attr("aria-label", "Chapters and challenges");
    }

    private static DomContent item(Entry e) {
        var link = a(
                span(e.mark()).withClass("nav-mark"),
                e.label() == null ? null : span(e.label()).withClass("nav-title"),
                e.done()
                        ? span(Icons.svg(Icons.TICK), span("done").withClass("nav-sr")).withClass("nav-progress nav-done")
                        : span(e.progress()).withClass("nav-progress")
        ).withHref(e.path()).attr("title", e.title() + (e.done() ? ": done" : ": " + e.progress() + " done"));
        if (e.current()) {
            link = link.attr("aria-current", "page");
        }
        return li(link).attr("data-done", e.done());
    }
}
