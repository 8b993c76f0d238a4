package dev.streamlab.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The base of a test class that drives the lab's pages in headless Chromium: one in-process lab on the shared test
 * broker for the class, and a fresh browser for each test (skipped, saying why, when Chromium is not installed).
 * Test classes run one after another, so the class's lab is held in a static field.
 */
public abstract class LabInBrowser {
    protected static TestLab lab;
    protected ChromeDriver browser;

    @BeforeAll
    static void startLab() {
        lab = TestLab.start(TestBroker.bootstrapServers());
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }
}
