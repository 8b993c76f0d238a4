package dev.streamlab.testing;

import org.openqa.selenium.chrome.ChromeDriver;

import java.util.List;

/**
 * The type on a page as a person sees it: every visible element with text of its own (a paragraph, a cell, a
 * button, a field's value, an SVG label) at the size it is drawn on the screen, so a test can say which text
 * reads too small and where.
 */
public final class TypeSizes {
    /**
     * Drawn size = the computed font-size times every scale between the element and the screen: CSS zoom
     * (currentCSSZoom; getComputedStyle reports the size before zoom) and, in an SVG, its viewBox and transforms (the
     * screen matrix, which also holds the zoom). Left out: what nobody sees (display: none, a closed details, an
     * option of a closed list, a visually hidden 1×1 label for screen readers).
     */
    private static final String SMALLER_THAN = """
            const least = arguments[0];
            const fields = 'input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea';
            const ownText = (e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
            const drawnSize = (e) => {
              const size = parseFloat(getComputedStyle(e).fontSize);
              if (e instanceof SVGGraphicsElement) {
                const m = e.getScreenCTM();
                return size * Math.hypot(m.c, m.d);
              }
              return size * (e.currentCSSZoom ?? 1);
            };
            const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
              + [...e.classList].map((c) => '.' + c).join('');
            const words = (e) => (e.matches(fields) ? (e.value ?? '') : [...e.childNodes]
              .filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(' ')).trim().replace(/\\s+/g, ' ');
            const small = [];
            for (const e of document.body.querySelectorAll('*')) {
              if (!(e.matches(fields) || ownText(e))) continue;
              if (!e.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
              const r = e.getBoundingClientRect();
              if (r.width <= 1 || r.height <= 1) continue;
              const size = drawnSize(e);
              if (size < least) {
                const parent = e.parentElement ? name(e.parentElement) + ' > ' : '';
                small.push(`${parent}${name(e)} "${words(e).slice(0, 40)}" at ${size.toFixed(1)} px`);
              }
            }
            return small;
            """;

    private TypeSizes() {
    }

    /** Each visible text drawn smaller than {@code px}: its element (in its parent), its first words and its size. */
    public static List<String> smallerThan(ChromeDriver browser, double px) {
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) browser.executeScript(SMALLER_THAN, px);
        return small;
    }
}
