package dev.streamlab.bench;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.Viewport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Frame time of /kafka while the log moves fast, from the browser's own timeline. Run by hand:
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.streamlab.bench.KafkaPageFrameBenchmark -Dexec.args="20 5000 12"</pre>
 * (seconds, records/s, partitions). Headless Chromium at 1400×900 opens /kafka on a fresh topic with a demo
 * consumer reading at 1,000 records/s (so lag grows and the committed marker moves) while a producer sends the
 * load. In the page: the gaps between requestAnimationFrame callbacks (what a person sees as smoothness; 16.7 ms is
 * a frame at 60 Hz), and, where Chromium reports them, long animation frames (PerformanceObserver type
 * long-animation-frame, frames over 50 ms with their duration and blocking time).
 */
public final class KafkaPageFrameBenchmark {
    private KafkaPageFrameBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        String bootstrap = TestBroker.bootstrapServers();
        String topic = "frames-" + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        try (TestLab lab = TestLab.start(bootstrap)) {
            ChromeDriver browser = Browser.open();
            try {
                browser.get(lab.url("/kafka?topic=" + topic));
                Viewport.set(browser, 1400, 900); // the page's own viewport, not the window with its frame
                Http.send("POST", lab.url("/api/groups/frames-group/consumers"),
                        "{\"topic\":\"" + topic + "\",\"recordsPerSecond\":1000}");
                Thread.sleep(3000); // the page subscribed, the consumer joined its group
                browser.executeScript("""
                        window.__gaps = []; window.__loaf = []; window.__scripts = {};
                        let last = performance.now();
                        const tick = (t) => { window.__gaps.push(t - last); last = t; requestAnimationFrame(tick); };
                        requestAnimationFrame(tick);
                        try {
                          new PerformanceObserver((list) => { for (const e of list.getEntries())
                            { window.__loaf.push([e.duration, e.blockingDuration || 0]);
                              for (const s of e.scripts || []) { const k = (s.sourceURL || '').replace(/^.*\\//, '') + ' '
                                + (s.sourceFunctionName || s.invoker || '?'); window.__scripts[k] = (window.__scripts[k] || 0) + s.duration; }
                              window.__layout = (window.__layout || 0) + (e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0); } })
                            .observe({ type: 'long-animation-frame', buffered: false });
                          window.__loafSupported = true;
                        } catch (e) { window.__loafSupported = false; }
                        """);
                double achieved = produce(bootstrap, topic, perSecond, seconds, partitions);
                List<Double> gaps = numbers(browser.executeScript("return window.__gaps.slice(1);"));
                @SuppressWarnings("unchecked")
                List<List<Object>> loaf = (List<List<Object>>) browser.executeScript("return window.__loaf;");
                Object supported = browser.executeScript("return window.__loafSupported;");
                Object lanes = browser.executeScript("return document.querySelectorAll('#lanes .lane').length;");
                System.out.printf(Locale.ROOT, "== /kafka, %d partitions, %,d records/s asked for %d s (%,.0f records/s achieved),"
                        + " Chromium at 1400x900 (%s lanes drawn)%n", partitions, perSecond, seconds, achieved, lanes);
                System.out.printf(Locale.ROOT, "requestAnimationFrame gaps: n=%d p50 %.1f ms p99 %.1f ms max %.1f ms; over 50 ms: %d%n",
                        gaps.size(), Percentiles.of(gaps, 50), Percentiles.of(gaps, 99), Percentiles.of(gaps, 100),
                        gaps.stream().filter(g -> g > 50).count());
                List<Double> durations = new ArrayList<>();
                double blocking = 0;
                for (List<Object> entry : loaf) {
                    durations.add(((Number) entry.get(0)).doubleValue());
                    blocking += ((Number) entry.get(1)).doubleValue();
                }
                System.out.println("in long frames, script time by source and function (ms): " + browser.executeScript(
                        "return Object.entries(window.__scripts).sort((a, b) => b[1] - a[1]).slice(0, 8)"
                        + ".map(([k, v]) => k + ' ' + Math.round(v)).join('; ');"));
                System.out.println("in long frames, style and layout (ms): " + browser.executeScript("return Math.round(window.__layout || 0);"));
                System.out.printf(Locale.ROOT, "long animation frames (supported: %s): %d, p50 %.1f ms, max %.1f ms, blocking %.0f ms in all%n",
                        supported, durations.size(), Percentiles.of(durations, 50), Percentiles.of(durations, 100), blocking);
            } finally {
                browser.quit();
            }
        }
        System.exit(0);
    }

    /**
     * Sends the load paced to {@code perSecond}, to each partition in turn (keys would leave some partitions empty
     * and others hot), and returns the rate achieved: on a busy machine the sender falls behind and catches up.
     */
    private static double produce(String bootstrap, String topic, int perSecond, int seconds, int partitions) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            long start = System.nanoTime();
            long total = (long) perSecond * seconds;
            for (long i = 0; i < total; i++) {
                long wait = start + i * 1_000_000_000L / perSecond - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                producer.send(new ProducerRecord<>(topic, (int) (i % partitions), "customer-" + (i % 50), "{\"n\":" + i + "}"));
            }
            producer.flush();
            return total / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static List<Double> numbers(Object list) {
        List<Double> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(((Number) o).doubleValue());
        }
        return out;
    }

}
