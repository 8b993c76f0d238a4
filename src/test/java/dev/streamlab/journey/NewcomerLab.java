package dev.streamlab.journey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.LabProcess;
import dev.streamlab.testing.Tools;
import dev.streamlab.testing.WsClient;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A newcomer's first try: a fresh lab (its own embedded broker and data directory) on ports other than the
 * defaults, a real headless Chromium on its pages, and a terminal that runs what the page shows, copied from the
 * page's DOM, after the page's own set-up line.
 */
final class NewcomerLab implements AutoCloseable {
    final int port = FreePorts.next();
    final int kafkaPort = FreePorts.next();
    final Path home;
    final LabProcess lab;
    final ChromeDriver browser;
    /**
     * The newcomer's python3 is Debian's (with python3-kafka and python3-confluent-kafka), as on the fresh machine
     * .ci/run prepares; a developer's PATH may put another python3 first.
     */
    private static final String DEBIAN_PYTHON_FIRST = "export PATH=/usr/bin:$PATH";
    private String setup = "";
    private long openedAt = System.nanoTime();
    private final List<Process> started = new java.util.ArrayList<>();

    NewcomerLab(Path home) {
        this.home = home;
        this.lab = LabProcess.start(home, "--port", String.valueOf(port), "--kafka-port", String.valueOf(kafkaPort),
                "--data-dir", home.resolve("streamlab-data").toString());
        this.browser = Browser.open();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void open(String path) {
        openedAt = System.nanoTime();
        browser.get(url(path));
    }

    /**
     * The lesson ({@code lessonCss}) is on the page: keeps a screenshot of it (target/screenshots/NAME.png) and the wall time since the
     * page was opened (target/journey-times.txt), for the closing notes; a measurement, never an assertion.
     */
    void lessonShown(String name, String lessonCss) {
        double seconds = (System.nanoTime() - openedAt) / 1e9;
        // The picture is of the lesson itself, where a person's eyes are, not of wherever the page happens to be.
        browser.executeScript("document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", lessonCss);
        try {
            Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(screenshots.resolve(name + ".png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            Files.writeString(Path.of("target", "journey-times.txt"), String.format(java.util.Locale.ROOT,
                    "%s: %.1f s from opening the page to the lesson%n", name, seconds),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes the set-up the page gives for a terminal (its export line), as a newcomer pastes it first. */
    String takeTerminalSetup(String css) {
        String shown = Browser.text(browser, css);
        setup = shown.lines().filter(l -> l.startsWith("export ")).findFirst().orElseThrow(
                () -> new AssertionError("the page gives no export line: " + shown));
        return shown;
    }

    /** The code of the tab labelled {@code label} in the step titled {@code step}, as the page shows it. */
    String code(String step, String label) {
        WebElement item = stepItem(step);
        List<WebElement> tabs = item.findElements(By.cssSelector(".tab"));
        WebElement tab = tabs.stream().filter(t -> t.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no tab " + label + " in step " + step));
        tab.click();
        WebElement panel = item.findElement(By.cssSelector(".panel[data-panel='" + tab.getDomAttribute("data-tab") + "']"));
        return (String) browser.executeScript("return arguments[0].querySelector('pre').textContent;", panel);
    }

    private WebElement stepItem(String step) {
        return browser.findElements(By.cssSelector("#steps li.step")).stream()
                .filter(li -> li.findElement(By.tagName("h3")).getText().equals(step)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + step));
    }

    /**
     * A page's {@code java -jar target/streamlab.jar ...} line as this test can run it: the set-up line's
     * {@code mvn package} builds that jar, which a test run (before Maven's package phase) has not got; the same
     * classes run from the test's classpath.
     */
    static String withoutTheJar(String command) {
        return command.replace("java -jar target/streamlab.jar",
                "java -cp '" + LabProcess.classpath() + "' dev.streamlab.Main");
    }

    /** Runs shell text in a terminal that has had the page's set-up line. */
    Tools.Result shell(String commands) {
        return shell(commands, Duration.ofSeconds(60));
    }

    /** As {@link #shell(String)}, for a command that takes longer (chaos waits out session timeouts). */
    Tools.Result shell(String commands, Duration limit) {
        Tools.Result result = Tools.run(home, null, limit, "bash", "-c", DEBIAN_PYTHON_FIRST + "\n" + setup + "\n" + commands);
        assertEquals(0, result.exitCode(), commands + "\n" + result.output());
        return result;
    }

    /** As {@link #shell}, for a command that may fail while the newcomer waits (e.g. reading a topic not there yet). */
    Tools.Result attempt(String commands) {
        return Tools.run(home, null, "bash", "-c", DEBIAN_PYTHON_FIRST + "\n" + setup + "\n" + commands);
    }

    /** Starts shell text in the background, in a terminal that has had the page's set-up line; closing ends it. */
    Process background(String commands) {
        try {
            Process process = new ProcessBuilder("bash", "-c", DEBIAN_PYTHON_FIRST + "\n" + setup + "\n" + commands).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(home.resolve("background.log").toFile()).start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inline commands of a step's text that start with {@code prefix}, as the page shows them. */
    String command(String step, String prefix) {
        return stepItem(step).findElements(By.cssSelector("p code, li code")).stream().map(WebElement::getText)
                .filter(c -> c.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("step " + step + " shows no command starting with " + prefix));
    }

    /** Saves {@code source} (code copied from the page) as a file in the newcomer's folder. */
    void save(String file, String source) {
        try {
            Files.writeString(home.resolve(file), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves {@code source} (code copied from the page) as a file in the newcomer's folder and runs it with python3. */
    Tools.Result python(String file, String source, String args) {
        save(file, source);
        return shell(Tools.PYTHON + " " + file + (args.isEmpty() ? "" : " " + args));
    }

    /** Waits until the lab's own monitor shows {@code group} with no lag on what it read: what Check my work sees. */
    void awaitGroupCaughtUp(String group) {
        try (WsClient page = WsClient.open("ws://127.0.0.1:" + port + "/ws", url(""))) {
            page.send("{\"op\":\"subscribe\",\"ref\":\"r1\",\"subject\":\"cluster\"}");
            await("the lab sees group " + group + " caught up").atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode line = page.state("cluster").get("group:" + group);
                return line != null && line.get("totalLag").asLong() == 0 && line.get("topics").size() > 0;
            });
        }
    }

    /** Fills the Check my work form and presses the button; returns the result lines once they are there. */
    List<WebElement> checkMyWork(String topic, String group, int lines) {
        return checkMyWork(topic, group, null, lines);
    }

    /** As {@link #checkMyWork(String, String, int)}, with the output topic too (null: keep what the form shows). */
    List<WebElement> checkMyWork(String topic, String group, String output, int lines) {
        for (String[] field : new String[][] {{"field-topic", topic}, {"field-group", group}, {"field-output", output}}) {
            if (field[1] != null) { // null: keep what the form shows
                WebElement input = browser.findElement(By.id(field[0]));
                input.clear();
                input.sendKeys(field[1]);
            }
        }
        // The click sets the summary to "Looking at the broker…" at once; the answer replaces it.
        browser.findElement(By.id("check-button")).click();
        await("Check my work answers").atMost(Duration.ofSeconds(60)).until(() ->
                !Browser.text(browser, "#check-summary").startsWith("Looking")
                        && browser.findElements(By.cssSelector("#check-results > li")).size() == lines);
        return browser.findElements(By.cssSelector("#check-results > li"));
    }

    /** What the lab printed that a user would take for trouble: warnings, errors and stack traces. */
    List<String> alarmingOutput() {
        return lab.output().stream().filter(l -> l.contains("WARN") || l.contains("ERROR") || l.startsWith("\tat ")
                || l.contains("Exception")).toList();
    }

    /** Waits up to {@code patience} until the element's text is {@code expected}, as a person watching it would. */
    void awaitText(String css, String expected, Duration patience) {
        await(css + " reads " + expected).atMost(patience).until(() -> Browser.text(browser, css).equals(expected));
    }

    @Override
    public void close() {
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        browser.quit();
        lab.close();
    }
}
