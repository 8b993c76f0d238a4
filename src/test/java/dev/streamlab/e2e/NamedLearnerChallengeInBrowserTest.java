package dev.streamlab.e2e;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Names;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A learner who typed their name on the home page finds their own names on the novice page, in its form and in the
 * validate command as they edit it, and Check my work refuses a name that is not theirs with the rule in one line.
 */
class NamedLearnerChallengeInBrowserTest extends LabInBrowser {
    @Test
    void aNamedLearnersNovicePageFormAndCommandCarryTheirPrefixAndCheckRefusesAnotherName() {
        String name = Names.unique("ada").replace("-", "");
        Browser.visit(browser, lab.url("/"), "#learner-form");
        browser.findElement(By.id("learner-input")).sendKeys(name);
        browser.findElement(By.cssSelector("#learner-form button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("learner-name")).getText()
                .equals(name));

        Browser.visit(browser, lab.url("/challenges/novice"), "#check-form");
        assertEquals(name + "-orders", browser.findElement(By.id("field-topic")).getDomProperty("value"));
        assertEquals(name + "-billing", browser.findElement(By.id("field-group")).getDomProperty("value"));
        browser.findElement(By.id("field-topic")).clear();
        browser.findElement(By.id("field-topic")).sendKeys(name + "-second-try");
        assertTrue(browser.findElement(By.id("check-cli")).getText().contains("validate novice --lab " + lab.url("")
                        + " --learner " + name + " --topic " + name + "-second-try --group " + name + "-billing"),
                browser.findElement(By.id("check-cli")).getText());

        browser.findElement(By.id("field-topic")).clear();
        browser.findElement(By.id("field-topic")).sendKeys("orders");
        browser.findElement(By.id("check-button")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElement(By.id("check-summary")).getText()
                .contains("your topics and groups start with " + name + "-"));
    }
}
