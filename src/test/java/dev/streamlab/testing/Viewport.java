package dev.streamlab.testing;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/** Sizes the page's viewport (what a person sees, without the browser's own bars) to an exact width and height. */
public final class Viewport {
    private Viewport() {
    }

    /** Resizes the window so that window.innerWidth × innerHeight is {@code width} × {@code height}. */
    public static void set(ChromeDriver browser, int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        long innerWidth = (Long) browser.executeScript("return window.innerWidth");
        long innerHeight = (Long) browser.executeScript("return window.innerHeight");
        browser.manage().window().setSize(new Dimension(width + (int) (width - innerWidth),
                height + (int) (height - innerHeight)));
    }
}
