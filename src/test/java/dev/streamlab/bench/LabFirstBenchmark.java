package dev.streamlab.bench;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.Viewport;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far down each chapter page its live lab starts, at 1400×900: the page's height, the y of the lab's first
 * control (first button, input or select inside the lab's first section) and the top and bottom of its picture.
 * Run by hand (not part of mvn verify):
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.streamlab.bench.LabFirstBenchmark</pre>
 * Saves what the first screen shows under target/screenshots/lab-first-*.png. The selectors name sections that exist both before and after the lab-first layout, so the figures compare.
 */
public final class LabFirstBenchmark {
    /** A chapter page, the section its lab's controls start in, and its picture. */
    record Probe(String path, String controls, String picture) {
    }

    static final List<Probe> PAGES = List.of(
            new Probe("/batch-vs-stream", "#batch-stream", "#batch-stream .bs-columns"),
            new Probe("/kafka", "#topic-section", "#lanes"),
            new Probe("/time", "#controls", "#stage"),
            new Probe("/guarantees", "#run-section", "#workers"));

    private LabFirstBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (TestLab lab = TestLab.start(TestBroker.bootstrapServers())) {
            ChromeDriver browser = Browser.open();
            try {
                for (Probe probe : PAGES) {
                    String path = probe.path();
                    browser.get(lab.url(path));
                    Viewport.set(browser, 1400, 900);
                    Thread.sleep(1500); // a bench, not a test: let the live parts draw their first frame
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) browser.executeScript(measure(), probe.controls(),
                            probe.picture());
                    System.out.printf(Locale.ROOT, "%-28s viewport %sx%s  page height %5s px  first control y %5s px (%s)"
                                    + "  picture top %5s bottom %5s px%n", path, m.get("vw"), m.get("vh"),
                            m.get("height"), m.get("control"), m.get("what"), m.get("pictureTop"), m.get("pictureBottom"));
                    Path shot = Path.of("target", "screenshots", "lab-first" + path.replace('/', '-') + ".png");
                    Files.createDirectories(shot.getParent());
                    Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
                }
                // How the header and the tabs fold on a narrow screen (a phone held upright).
                Viewport.set(browser, 600, 900);
                browser.get(lab.url("/time#read"));
                Files.write(Path.of("target", "screenshots", "lab-first-narrow-time.png"),
                        browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
        System.exit(0);
    }

    /** Measures in the page itself, after scrolling to the top: y = rect.top + scrollY. */
    static String measure() {
        return """
                window.scrollTo(0, 0);
                const y = (e) => e ? Math.round(e.getBoundingClientRect().top + window.scrollY) : -1;
                const section = document.querySelector(arguments[0]);
                const control = section ? section.querySelector('button, input, select') : null;
                const picture = document.querySelector(arguments[1]);
                return { vw: window.innerWidth, vh: window.innerHeight,
                         height: document.documentElement.scrollHeight,
                         control: y(control), what: control ? (control.id || control.tagName.toLowerCase()) : 'none',
                         pictureTop: y(picture),
                         pictureBottom: picture ? Math.round(picture.getBoundingClientRect().bottom + window.scrollY) : -1 };
                """;
    }
}
