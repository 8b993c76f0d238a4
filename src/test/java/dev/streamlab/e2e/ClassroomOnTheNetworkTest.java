package dev.streamlab.e2e;

import dev.streamlab.testing.Accessibility;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabProcess;
import dev.streamlab.testing.Names;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A class's lab as an instructor starts it, {@code --host 0.0.0.0}, reached at this machine's network address the way
 * a learner's laptop would reach it: the embedded broker advertises that address, learners' pages open without a token,
 * instructor actions need the token the lab printed, and a flood of changes from one client is slowed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassroomOnTheNetworkTest {
    private static final Pattern TOKEN = Pattern.compile("instructor token: ([^;]+); open (\\S+)/login");
    private static final Pattern KAFKA = Pattern.compile("Kafka (\\S+) \\(embedded");

    private static String address;
    private static Path dir;
    private static LabProcess lab;
    private static int port;

    @BeforeAll
    static void startTheLabOnEveryInterface() throws IOException {
        Optional<String> found = networkAddress();
        assumeTrue(found.isPresent(), "this machine has no network address besides loopback, so no other machine "
                + "could reach a lab here either");
        address = found.get();
        dir = Files.createTempDirectory("streamlab-classroom");
        port = FreePorts.next();
        lab = LabProcess.start(dir, "--host", "0.0.0.0", "--port", String.valueOf(port),
                "--kafka-port", String.valueOf(FreePorts.next()), "--data-dir", dir.resolve("data").toString());
    }

    @AfterAll
    static void stopTheLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void theLabPrintsItsInstructorTokenOnceBeforeItsReadyLineWithAnAddressOtherMachinesReach() {
        List<String> lines = lab.output();
        List<String> tokenLines = lines.stream().filter(l -> l.startsWith("instructor token: ")).toList();
        assertEquals(1, tokenLines.size(), String.join("\n", lines));
        int ready = indexOf(lines, "Streamlab ready");
        assertTrue(lines.indexOf(tokenLines.get(0)) < ready, "the token comes before the ready line scripts wait for");
        Matcher m = TOKEN.matcher(tokenLines.get(0));
        assertTrue(m.find(), tokenLines.get(0));
        assertFalse(m.group(2).contains("0.0.0.0") || m.group(2).contains("127.0.0.1"), m.group(2));
        assertTrue(lines.get(ready).contains(m.group(2)), "the ready line opens the same address: " + lines.get(ready));
    }

    @Test
    @Order(2)
    void aKafkaClientAtTheAdvertisedAddressProducesAndConsumes() throws Exception {
        String bootstrap = kafkaAddress();
        String host = bootstrap.substring(0, bootstrap.lastIndexOf(':'));
        assertFalse(InetAddress.getByName(host).isLoopbackAddress(),
                "the broker advertises " + bootstrap + ", which sends other machines' clients back to themselves");
        String topic = Names.unique("classroom-orders");
        Kafka.produce(bootstrap, topic, List.of(new ProducerRecord<>(topic, "ada", "1"), new ProducerRecord<>(topic, "bob", "2")));
        try (KafkaConsumer<String, String> consumer = Kafka.consumer(bootstrap, Names.unique("classroom-group"), Map.of())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = Kafka.pollUntil(consumer, 2, Duration.ofSeconds(30));
            assertEquals(List.of("ada", "bob"), records.stream().map(ConsumerRecord::key).sorted().toList());
        }
    }

    @Test
    @Order(3)
    void inABrowserALearnerPageOpensWithoutATokenAndAnInstructorActionNeedsTheLogin() throws IOException {
        ChromeDriver browser = Browser.open();
        try {
            String base = "http://" + address + ":" + port;
            Browser.visit(browser, base + "/", ".chapters li a");
            assertEquals(4, browser.findElements(By.cssSelector(".chapters li a")).size());

            assertEquals(401, pause(browser).get("status"), "pausing the class playback is the instructor's");

            Browser.visit(browser, base + "/login?next=/", "#token");
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(Path.of("target", "screenshots", "login-shared.png"), browser.getScreenshotAs(OutputType.BYTES));
            Accessibility.Audit audit = Accessibility.audit(browser, "login", "light");
            assertTrue(audit.blocking().isEmpty(), audit::describeBlocking);
            browser.findElement(By.id("token")).sendKeys(token());
            browser.findElement(By.id("log-in")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().equals(base + "/"));
            Map<String, Object> after = pause(browser);
            assertTrue(String.valueOf(after.get("body")).contains("no scenario is loaded"),
                    "after logging in the action runs (and says there is nothing to pause): " + after);
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(4)
    void changesFromAnotherMachineAreSlowedPastAGenerousBurst() {
        HttpResponse<String> refused = null;
        for (int i = 0; i < 400 && refused == null; i++) {
            HttpResponse<String> r = Http.send("POST", "http://" + address + ":" + port + "/api/learner", "[");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(400, r.statusCode(), r.body());
            }
        }
        assertTrue(refused != null, "400 changes in a row were never slowed");
        assertTrue(refused.body().contains("try again in"), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    }

    /** What the page's own script gets for POST /api/playback/pause: the status and the body. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> pause(ChromeDriver browser) {
        Object result = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/playback/pause', {method: 'POST'}).then(async r => done({status: r.status, body: await r.text()}))"
                + ".catch(e => done({status: -1, body: String(e)}));");
        Map<String, Object> answer = (Map<String, Object>) result;
        return Map.of("status", ((Number) answer.get("status")).intValue(), "body", answer.get("body"));
    }

    private static String token() {
        return lab.output().stream().map(TOKEN::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElseThrow();
    }

    private static String kafkaAddress() {
        return lab.output().stream().map(KAFKA::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElseThrow();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** This machine's first non-loopback IPv4 address (what `hostname -I` lists first), as a learner's laptop would use. */
    private static Optional<String> networkAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return Optional.of(a.getHostAddress());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
