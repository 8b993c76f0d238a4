package dev.streamlab.e2e;

import dev.streamlab.kafka.tail.Isolation;
import dev.streamlab.kafka.tail.LiveTails;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The real live.js in headless Chromium: a subscription the page closes before the lab answered it leaves nothing on
 * the lab. Switching topics on /kafka faster than the lab answers is how a learner does it.
 */
class QuickTopicSwitchInBrowserTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final String bootstrap = TestBroker.bootstrapServers();

    @Test
    void aTopicLeftBeforeItsRecordsWereAnsweredKeepsNoTailOnTheLab() {
        String first = Names.unique("switch-first");
        String passedBy = Names.unique("switch-passed");
        String last = Names.unique("switch-last");
        for (String topic : new String[] {first, passedBy, last}) {
            Kafka.createTopic(bootstrap, topic, 1);
        }
        LiveTails tails = lab.web().tails();
        browser.get(lab.url("/kafka?topic=" + first));
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(".lane[data-partition='0']")).isEmpty());
        await().atMost(PATIENCE).until(() -> Browser.text(browser, "#topic-select").contains(passedBy)
                && Browser.text(browser, "#topic-select").contains(last));
        await("the page tails the topic it shows").atMost(PATIENCE).until(() -> tails.watches(first, Isolation.READ_UNCOMMITTED));

        // Two choices in one task: the second closes the first's subscriptions before any reply can arrive.
        browser.executeScript("""
                const select = document.getElementById('topic-select');
                for (const topic of arguments) {
                  select.value = topic;
                  select.dispatchEvent(new Event('change'));
                }""", passedBy, last);

        await("the page's records from the topic it now shows").atMost(PATIENCE)
                .until(() -> !Browser.text(browser, "#records-note").isEmpty()
                        && tails.watches(last, Isolation.READ_UNCOMMITTED));
        await("nothing tails the topic the page only passed by").atMost(PATIENCE)
                .until(() -> !tails.watches(passedBy, Isolation.READ_UNCOMMITTED));
        await("nor the one it left").atMost(PATIENCE).until(() -> !tails.watches(first, Isolation.READ_UNCOMMITTED));
    }
}
