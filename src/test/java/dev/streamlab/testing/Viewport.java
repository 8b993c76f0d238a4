package dev.streamlab.testing;

import org.openqa.selenium.chrome.ChromeDriver;

import java.util.Map;

/**
 * Sizes the page's viewport (what a person sees, without the browser's own bars) to an exact width and height,
 * through the DevTools protocol. Sizing the window instead leaves room for bars a headless browser may still keep:
 * a 1400×900 window gave 1400×757 screenshots.
 */
public final class Viewport {
    private Viewport() {
    }

    /**
     * From now on, in this browser's tab, window.innerWidth × innerHeight is {@code width} × {@code height} at one
     * device pixel per CSS pixel, across navigations, and a screenshot is exactly that size.
     */
    public static void set(ChromeDriver browser, int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }
}
