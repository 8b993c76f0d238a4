package dev.streamlab.web.view;

import j2html.tags.DomContent;

import java.util.Map;

import static j2html.TagCreator.rawHtml;

/**
 * The lab's icons, drawn as inline SVG in currentColor so they need no installed font (an emoji font is often
 * missing) and follow the theme. Each is a constant of this class, never built from data, so emitting it raw is
 * safe; each is hidden from screen readers, and the words beside it say what it means.
 */
public final class Icons {
    private static final String OPEN = "<svg class=\"icon\" viewBox=\"0 0 16 16\" aria-hidden=\"true\" focusable=\"false\">";
    private static final String CLOSE = "</svg>";

    /** A tick in a filled circle: done, passed, complete. */
    public static final String DONE = OPEN.replace("icon\"", "icon icon-done\"")
            + "<circle cx=\"8\" cy=\"8\" r=\"7.5\" fill=\"currentColor\"/>"
            + "<path d=\"M4.5 8.3l2.3 2.3 4.7-4.9\" fill=\"none\" stroke=\"#fff\" stroke-width=\"1.8\""
            + " stroke-linecap=\"round\" stroke-linejoin=\"round\"/>" + CLOSE;
    /** A bare tick, small enough for a line of the header: done. */
    public static final String TICK = "<svg class=\"nav-check\" viewBox=\"0 0 16 16\" width=\"14\" height=\"14\" "
            + "aria-hidden=\"true\" focusable=\"false\"><path d=\"M2 8.5l4 4 8-9\" fill=\"none\" "
            + "stroke=\"currentColor\" stroke-width=\"2.2\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>" + CLOSE;
    /** An empty circle: still to do. */
    public static final String TO_DO = OPEN.replace("icon\"", "icon icon-open\"")
            + "<circle cx=\"8\" cy=\"8\" r=\"6.5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.6\"/>" + CLOSE;
    /** A cross in a filled circle: failed, wrong. */
    public static final String FAIL = OPEN.replace("icon\"", "icon icon-fail\"")
            + "<circle cx=\"8\" cy=\"8\" r=\"7.5\" fill=\"currentColor\"/>"
            + "<path d=\"M5.4 5.4l5.2 5.2M10.6 5.4l-5.2 5.2\" fill=\"none\" stroke=\"#fff\" stroke-width=\"1.8\""
            + " stroke-linecap=\"round\"/>" + CLOSE;
    /** A triangle with an exclamation mark: a warning (drawn in lines, so it reads on any background). */
    public static final String WARNING = OPEN.replace("icon\"", "icon icon-warning\"")
            + "<path d=\"M8 1.8L14.9 14H1.1z\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\""
            + " stroke-linejoin=\"round\"/>"
            + "<path d=\"M8 6v4\" stroke=\"currentColor\" stroke-width=\"1.8\" stroke-linecap=\"round\"/>"
            + "<circle cx=\"8\" cy=\"12.2\" r=\"1\" fill=\"currentColor\"/>" + CLOSE;
    /** A filled dot: running, live. */
    public static final String LIVE = OPEN.replace("icon\"", "icon icon-live\"")
            + "<circle cx=\"8\" cy=\"8\" r=\"5\" fill=\"currentColor\"/>" + CLOSE;
    /** A triangle pointing down: a marker standing above what it marks; a list sorted newest first. */
    public static final String DOWN = pointer("M2.5 4.5h11L8 12z");
    /** A triangle pointing left: there is more that way. */
    public static final String LEFT = pointer("M11.5 2.5v11L4 8z");
    /** A triangle pointing right: there is more that way; play. */
    public static final String RIGHT = pointer("M4.5 2.5v11L12 8z");
    /** Two bars: pause. */
    public static final String PAUSE = pointer("M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z");
    /** A triangle against a bar: one step forward. */
    public static final String STEP = pointer("M3 2.5v11L10.5 8zM11.5 2.5h2v11h-2z");
    /** A bar against a triangle: one step back. */
    public static final String STEP_BACK = pointer("M13 2.5v11L5.5 8zM2.5 2.5h2v11h-2z");
    /** An arrow going round, anticlockwise: start over. */
    public static final String RESTART = OPEN
            + "<path d=\"M2.5 8A5.5 5.5 0 1 0 4.1 4.1M7.6 4.1H4.1V0.6\" fill=\"none\" stroke=\"currentColor\""
            + " stroke-width=\"1.8\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>" + CLOSE;
    /** A crescent moon, for the dark theme's switch. */
    public static final String MOON = OPEN
            + "<path d=\"M10.8 1.2A6.9 6.9 0 1 0 14.8 11 5.6 5.6 0 0 1 10.8 1.2z\" fill=\"currentColor\"/>" + CLOSE;
    /** A cup with two handles on a stand, for a badge. */
    public static final String TROPHY = "<svg viewBox=\"0 0 32 32\" aria-hidden=\"true\" focusable=\"false\">"
            + "<path d=\"M9 3h14v8a7 7 0 0 1-14 0z\" fill=\"currentColor\"/>"
            + "<path d=\"M9 6H4v2a5 5 0 0 0 5 5M23 6h5v2a5 5 0 0 1-5 5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>"
            + "<path d=\"M14 18h4v5h-4z M10 24h12v4H10z\" fill=\"currentColor\"/>" + CLOSE;
    /** A stopwatch, for a badge about time. */
    public static final String STOPWATCH = "<svg viewBox=\"0 0 32 32\" aria-hidden=\"true\" focusable=\"false\">"
            + "<circle cx=\"16\" cy=\"18\" r=\"11\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.5\"/>"
            + "<path d=\"M13 2h6v3h-6z M16 18V11 M16 18l5 3\" fill=\"currentColor\" stroke=\"currentColor\" stroke-width=\"2.5\""
            + " stroke-linecap=\"round\"/>"
            + "<path d=\"M25 6l2.5 2.5\" stroke=\"currentColor\" stroke-width=\"2.5\" stroke-linecap=\"round\"/>" + CLOSE;
    /** A five-pointed star: a badge whose icon the quest does not name. */
    public static final String STAR = "<svg viewBox=\"0 0 32 32\" aria-hidden=\"true\" focusable=\"false\">"
            + "<path d=\"M16 2l4.2 9 9.8 1.1-7.3 6.6 2 9.7L16 23.5l-8.7 4.9 2-9.7L2 12.1l9.8-1.1z\" fill=\"currentColor\"/>"
            + CLOSE;

    /** The badge icons quest.json may name ("icon"); older quests named them by emoji. */
    private static final Map<String, String> BADGES = Map.of(
            "trophy", TROPHY, "🏆", TROPHY,
            "stopwatch", STOPWATCH, "⏱️", STOPWATCH, "⏱", STOPWATCH);

    private Icons() {
    }

    /** A filled shape in currentColor: the arrows and the playback marks. */
    private static String pointer(String path) {
        return OPEN + "<path d=\"" + path + "\" fill=\"currentColor\"/>" + CLOSE;
    }

    /** One of this class's constants, as markup. */
    public static DomContent svg(String constant) {
        return rawHtml(constant);
    }

    /** The done or the to-do mark. */
    public static DomContent state(boolean done) {
        return svg(done ? DONE : TO_DO);
    }

    /** The badge's picture for the name quest.json gives it; a star for a name this class does not draw. */
    public static DomContent badge(String name) {
        return svg(BADGES.getOrDefault(name, STAR));
    }
}
