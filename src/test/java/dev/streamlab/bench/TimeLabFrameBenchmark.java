package dev.streamlab.bench;

import dev.streamlab.engine.WindowSpec;
import dev.streamlab.kafka.EmbeddedBroker;
import dev.streamlab.scenario.Scenario;
import dev.streamlab.scenario.ScenarioCatalog;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Frame time of the time lab's picture, run by hand:
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.streamlab.bench.TimeLabFrameBenchmark -Dexec.args="6"</pre>
 * (rounds). Opens /time in headless Chromium at 1400×900 on a broker of its own, loads the catalog's longest scenario
 * (most events; on a tie the one whose windows overlap, sliding, which draws the most marks), and plays it at 10× to
 * the end, the given number of times (restarting in between). Frame times are the deltas between consecutive
 * requestAnimationFrame callbacks collected in the page itself (performance.now() timestamps of the browser's own
 * frames) while playing; Chromium's PerformanceObserver 'long-animation-frame' entries (frames over 50 ms) are
 * counted beside them.
 */
public final class TimeLabFrameBenchmark {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private TimeLabFrameBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        Scenario longest = ScenarioCatalog.load().scenarios().stream()
                .max(Comparator.comparingInt((Scenario s) -> s.events().size())
                        .thenComparing(s -> s.config().windows() instanceof WindowSpec.Sliding))
                .orElseThrow();
        Path dir = Files.createTempDirectory("streamlab-time-frames");
        int port = FreePorts.next();
        ChromeDriver browser = null;
        try (EmbeddedBroker broker = TestBroker.startOwn(dir, port);
             TestLab lab = TestLab.start("127.0.0.1:" + port)) {
            browser = Browser.open();
            browser.manage().window().setSize(new Dimension(1400, 900));
            browser.get(lab.url("/time"));
            new Select(browser.findElement(By.id("scenario-select"))).selectByValue(longest.id());
            browser.findElement(By.cssSelector("#scenario-form button[type=submit]")).click();
            ChromeDriver page = browser;
            await().atMost(PATIENCE).until(() -> status(page).contains("step 0 of"));
            new Select(browser.findElement(By.id("speed"))).selectByValue("10");
            List<Double> deltas = new ArrayList<>();
            long longFrames = 0;
            double longest50 = 0;
            for (int round = 0; round < rounds; round++) {
                if (round > 0) {
                    browser.findElement(By.id("restart")).click();
                    await().atMost(PATIENCE).until(() -> status(page).contains("step 0 of") && !status(page).contains("finished"));
                }
                browser.executeScript("""
                        window.__frames = [];
                        window.__loaf = [];
                        window.__measuring = true;
                        const tick = (t) => { window.__frames.push(t); if (window.__measuring) requestAnimationFrame(tick); };
                        requestAnimationFrame(tick);
                        if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
                          window.__observer = new PerformanceObserver((list) => {
                            for (const e of list.getEntries()) window.__loaf.push(e.duration);
                          });
                          window.__observer.observe({ type: 'long-animation-frame' });
                        }""");
                browser.findElement(By.id("play")).click();
                await().atMost(PATIENCE).until(() -> status(page).contains("finished"));
                Thread.sleep(300); // the last step's frames
                @SuppressWarnings("unchecked")
                Map<String, Object> result = (Map<String, Object>) browser.executeScript("""
                        window.__measuring = false;
                        window.__observer?.disconnect();
                        return { frames: window.__frames, loaf: window.__loaf };""");
                @SuppressWarnings("unchecked")
                List<Number> frames = (List<Number>) result.get("frames");
                for (int i = 1; i < frames.size(); i++) {
                    deltas.add(frames.get(i).doubleValue() - frames.get(i - 1).doubleValue());
                }
                @SuppressWarnings("unchecked")
                List<Number> loaf = (List<Number>) result.get("loaf");
                longFrames += loaf.size();
                for (Number n : loaf) {
                    longest50 = Math.max(longest50, n.doubleValue());
                }
            }
            Collections.sort(deltas);
            System.out.printf(Locale.ROOT, "time lab, %s (%d events) at 10×, %d rounds, 1400×900: %d frames, "
                            + "rAF delta p50 %.1f ms, p99 %.1f ms, max %.1f ms; long animation frames (>50 ms): %d, "
                            + "longest %.1f ms%n", longest.id(), longest.events().size(), rounds, deltas.size(),
                    Percentiles.of(deltas, 50), Percentiles.of(deltas, 99), Percentiles.of(deltas, 100), longFrames, longest50);
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
        System.exit(0);
    }

    private static String status(ChromeDriver browser) {
        return Browser.text(browser, "#playback-status");
    }

}
