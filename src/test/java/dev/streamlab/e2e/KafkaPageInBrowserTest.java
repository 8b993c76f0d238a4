package dev.streamlab.e2e;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;

import dev.streamlab.testing.Tools;




import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Chapter 2 in real headless Chromium, with kcat doing the producing as a learner would. */
class KafkaPageInBrowserTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final String bootstrap = TestBroker.bootstrapServers();

    @Test
    void whatKcatProducesAppearsOnTheOpenPageAsANewOffsetWithoutAReload() throws Exception {
        assumeTrue(Tools.installed("kcat"), "kcat is not installed (apt-get install kcat; .ci/run does)");
        String topic = Names.unique("page-orders");
        Kafka.createTopic(bootstrap, topic, 1);
        browser.get(lab.url("/kafka?topic=" + topic));
        browser.executeScript("window.__sameDocument = true;");
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(".lane[data-partition='0']")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector(".lane .cell[data-offset='0']")).isEmpty(), "the topic starts empty");

        kcat(topic, "cust-1:first order\n");
        await().atMost(PATIENCE).until(() -> text(".lane[data-partition='0'] .cell[data-offset='0']").contains("cust-1"));
        kcat(topic, "cust-2:second order\n");
        await().atMost(PATIENCE).until(() -> !browser.findElements(
                By.cssSelector(".lane[data-partition='0'] .cell[data-offset='1']")).isEmpty());

        assertEquals(Boolean.TRUE, browser.executeScript("return window.__sameDocument === true"), "no reload happened");
        await().atMost(PATIENCE).until(() -> text("#record-views tbody tr[data-offset='1']").contains("second order"));
        assertTrue(text(".lane[data-partition='0'] .cell[data-offset='1']").contains("cust-2"));
        Files.write(Path.of("target", "kafka-page.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aRecordWhoseValueIsMarkupIsShownAsTextAndRunsNothing() throws Exception {
        assumeTrue(Tools.installed("kcat"), "kcat is not installed (apt-get install kcat; .ci/run does)");
        String topic = Names.unique("page-xss");
        Kafka.createTopic(bootstrap, topic, 1);
        browser.get(lab.url("/kafka?topic=" + topic));
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(".lane[data-partition='0']")).isEmpty());

        String payload = "<img src=x onerror=alert(1)>";
        kcat(topic, "<b>key</b>:" + payload + "\n");

        await().atMost(PATIENCE).until(() -> !text("#record-views td.value").isEmpty());
        assertEquals(payload, text("#record-views td.value"));
        assertEquals("<b>key</b>", text("#record-views td.key"));
        assertTrue(browser.findElements(By.cssSelector("#main img, #main b")).isEmpty(), "no markup from the record became an element");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }

    @Test
    void theProduceFormSaysWhichPartitionAKeyLandsInAndWhy() {
        String topic = Names.unique("page-produce");
        Kafka.createTopic(bootstrap, topic, 3);
        browser.get(lab.url("/kafka?topic=" + topic));
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".lane")).size() == 3);

        browser.findElement(By.id("produce-key")).sendKeys("cust-42");
        browser.findElement(By.id("produce-value")).sendKeys("{\"amount\": 10}");
        browser.findElement(By.cssSelector("#produce-form button[type=submit]")).click();

        WebElement result = browser.findElement(By.id("produce-result"));
        await().atMost(PATIENCE).until(() -> result.getText().startsWith("Landed in partition"));
        assertTrue(result.getText().contains("murmur2"), result.getText());
        int partition = Integer.parseInt(result.getText().replaceAll("^Landed in partition (\\d+).*$", "$1"));
        await().atMost(PATIENCE).until(() -> !browser.findElements(
                By.cssSelector(".lane[data-partition='" + partition + "'] .cell[data-offset='0']")).isEmpty());
    }

    @Test
    void aDemoConsumerJoinsItsGroupAndTheLanesShowTheGroupsCommittedOffsets() {
        String topic = Names.unique("page-group");
        String group = Names.unique("billing");
        Kafka.createTopic(bootstrap, topic, 2);
        Kafka.produce(bootstrap, topic, List.of(
                new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, "a", "1"),
                new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 1, "b", "2")));
        browser.get(lab.url("/kafka?topic=" + topic));
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".lane")).size() == 2);

        WebElement groupField = browser.findElement(By.id("consumer-group"));
        groupField.clear();
        groupField.sendKeys(group);
        browser.findElement(By.cssSelector("#consumer-start button[type=submit]")).click();

        // The page redraws its lists as the cluster changes: read them in one step rather than hold elements.
        await().atMost(PATIENCE).until(() -> text("#group-select").contains(group));
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".cell.caught-up")).size() == 2);
        await().atMost(PATIENCE).until(() -> text("#group-members").contains("reads P0, P1"));
        assertFalse(browser.findElement(By.id("live-banner")).isDisplayed(), "no problem banner while all is well");
        await().atMost(PATIENCE).until(() -> text("#consumers").contains("running") && read().equals("2"));

        // The person aims at Pause while the table updates: the button must be the same element after each update.
        WebElement pause = browser.findElement(By.cssSelector("#consumers button[data-action='toggle']"));
        browser.executeScript("arguments[0].dataset.probe = 'aimed at';", pause);
        for (int more = 1; more <= 3; more++) {
            Kafka.produce(bootstrap, topic, List.of(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, "c", "more " + more)));
            String expected = String.valueOf(2 + more);
            await("the table shows " + expected + " read").atMost(PATIENCE).until(() -> read().equals(expected));
        }
        assertEquals("aimed at", browser.executeScript("return document.querySelector(\"#consumers button[data-action='toggle']\").dataset.probe;"),
                "the Pause button was rebuilt by a live update");
        assertEquals("Pause", pause.getText());
        pause.click(); // a real click on the element found before the updates: stale if it had been replaced
        await().atMost(PATIENCE).until(() -> text("#consumers").contains("paused"));
        assertEquals("Resume", pause.getText(), "the same button now offers to resume");
    }

    private String read() {
        return text("#consumers tr[data-consumer] td:nth-child(4)");
    }

    @Test
    void recordsFromSeveralPartitionsAreListedNewestFirstInTheOrderTheyArrivedNotByPartition() {
        String topic = Names.unique("page-arrival");
        Kafka.createTopic(bootstrap, topic, 3);
        browser.get(lab.url("/kafka?topic=" + topic));
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".lane")).size() == 3);
        await().atMost(PATIENCE).until(() -> text("#records-note").startsWith("Live"));

        // One send, so one poll reads them all: the hub hands a poll over partition by partition.
        long t = System.currentTimeMillis() - 60_000;
        Kafka.produce(bootstrap, topic, List.of(
                new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 2, t, "k", "first"),
                new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, t + 1000, "k", "second"),
                new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 1, t + 2000, "k", "third"),
                new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, t + 3000, "k", "fourth")));

        await().atMost(PATIENCE).until(() -> values("#record-views td.value").size() == 4);
        assertEquals(List.of("fourth", "third", "second", "first"), values("#record-views td.value"), "newest first");
        assertTrue(text("#records-section").contains("Newest first"), "the page says in which order it lists them");
    }

    @Test
    void sideBySideALongValueStaysOnOneLineCutWithAnEllipsisAndWholeInItsTitle() throws Exception {
        String topic = Names.unique("page-side");
        Kafka.createTopic(bootstrap, topic, 1);
        browser.get(lab.url("/kafka?topic=" + topic));
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(".lane[data-partition='0']")).isEmpty());
        browser.findElement(By.cssSelector("input[name='isolation'][value='both']")).click();
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".record-view")).size() == 2);

        String value = "pause during 28 seconds while the group rebalances and every member gives back its partitions";
        Kafka.produce(bootstrap, topic, List.of(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, "cust-1", value)));
        await().atMost(PATIENCE).until(() -> values("#record-views td.value").size() == 2);

        for (String isolation : List.of("read_uncommitted", "read_committed")) {
            String cell = ".record-view[data-isolation='" + isolation + "'] td.value";
            Object lines = browser.executeScript("const range = document.createRange();"
                    + " range.selectNodeContents(document.querySelector(arguments[0]));"
                    + " return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;", cell);
            assertEquals(1L, lines, isolation + ": the value is on one line");
            assertEquals(value, browser.findElement(By.cssSelector(cell)).getAttribute("title"), isolation + ": whole in the title");
            assertEquals(Boolean.TRUE, browser.executeScript("const e = document.querySelector(arguments[0]);"
                    + " return e.scrollWidth > e.clientWidth && getComputedStyle(e).textOverflow === 'ellipsis';", cell),
                    isolation + ": the cut value ends in an ellipsis");
            assertEquals(Boolean.TRUE, browser.executeScript("const e = document.querySelector(arguments[0]);"
                    + " return e.clientWidth >= 12 * parseFloat(getComputedStyle(e).fontSize);", cell),
                    isolation + ": enough of the value shows to read its start: " + browser.executeScript(
                            "return [...document.querySelectorAll('.record-view th')].map((e) => e.textContent + ' ' + e.clientWidth + '/' + e.scrollWidth).join(', ')"
                            + " + ' table ' + document.querySelector('table.records').clientWidth;"));
        }
        browser.executeScript("document.getElementById('records-section').scrollIntoView();");
        Files.write(Path.of("target", "kafka-side-by-side.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theStatusSaysReplayingFromAnOffsetUntilThePersonGoesBackToLive() {
        String topic = Names.unique("page-replay");
        Kafka.createTopic(bootstrap, topic, 1);
        Kafka.produce(bootstrap, topic, List.of(
                new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, "k", "zero"),
                new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, "k", "one"),
                new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, "k", "two")));
        browser.get(lab.url("/kafka?topic=" + topic));
        await().atMost(PATIENCE).until(() -> text("#records-note").startsWith("Live"));

        // Picking "an offset" changes nothing shown until Replay: the status still says live, and how to replay.
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("replay-from"))).selectByValue("offset");
        assertTrue(text("#records-note").startsWith("Live"), text("#records-note"));
        assertTrue(text("#records-note").contains("Press Replay"), text("#records-note"));

        browser.findElement(By.id("replay-value")).sendKeys("1");
        browser.findElement(By.cssSelector("#records-form button[type=submit]")).click();
        await().atMost(PATIENCE).until(() -> text("#records-note").startsWith("Replaying " + topic + " from offset 1"));
        assertFalse(text("#records-note").contains("Live"), text("#records-note"));
        await().atMost(PATIENCE).until(() -> values("#record-views td.value").equals(List.of("two", "one")));

        // Another view of the same replay is still the replay.
        browser.findElement(By.cssSelector("input[name='isolation'][value='both']")).click();
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".record-view")).size() == 2);
        assertTrue(text("#records-note").startsWith("Replaying " + topic + " from offset 1"), text("#records-note"));

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("replay-from"))).selectByValue("end");
        await().atMost(PATIENCE).until(() -> text("#records-note").startsWith("Live: the newest records of " + topic));
    }

    @SuppressWarnings("unchecked")
    private List<String> values(String css) {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent);", css);
    }

    @Test
    void theTransactionAnatomyShowsCommittedAndAbortedRecordsAndTheControlMarkers() {
        String topic = Names.unique("page-anatomy");
        Kafka.createTopic(bootstrap, topic, 1);
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer = Kafka.producer(bootstrap,
                java.util.Map.of(org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG, Names.unique("tx")))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, "a", "kept"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, "b", "thrown away"));
            producer.flush();
            producer.abortTransaction();
        }
        browser.get(lab.url("/kafka?topic=" + topic));
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(".lane[data-partition='0']")).isEmpty());
        browser.findElement(By.cssSelector("#anatomy-details summary")).click();

        // The two readers replay the partition while the page opens: wait until both have reported.
        await().atMost(PATIENCE).until(() -> kind(0).equals("committed") && kind(2).equals("aborted"));
        assertEquals("committed", kind(0), "the committed record");
        assertEquals("marker", kind(3), "the abort marker");
        assertEquals("marker", kind(1), "the commit marker");
        assertEquals("aborted", kind(2), "the aborted record: only read_uncommitted sees it");
        assertTrue(text("#anatomy .lane-head").contains("producer "), text("#anatomy .lane-head"));
    }

    private String kind(int offset) {
        Object kind = browser.executeScript("const e = document.querySelector(`#anatomy .cell[data-offset='${arguments[0]}']`);"
                + " return e ? e.dataset.kind : '';", offset);
        return kind == null ? "" : kind.toString();
    }

    private String text(String css) {
        return Browser.text(browser, css);
    }

    private void kcat(String topic, String lines) {
        Tools.Result result = Tools.run(null, lines, "kcat", "-b", bootstrap, "-t", topic, "-P", "-K:");
        assertEquals(0, result.exitCode(), result.output());
    }
}
