package dev.streamlab.web;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the lab's own pages may drive it; tools without an Origin may. */
class OriginPolicyTest {
    private final OriginPolicy policy = new OriginPolicy(Set.of("lab-box"));

    @Test
    void theLabsOwnPageIsAllowedAtEveryLocalAddress() {
        assertNull(policy.refusal("http://127.0.0.1:7070", "127.0.0.1:7070"));
        assertNull(policy.refusal("http://localhost:7070", "localhost:7070"));
        assertNull(policy.refusal("http://[::1]:7070", "[::1]:7070"));
        assertNull(policy.refusal("http://192.168.1.20:7070", "192.168.1.20:7070"));
        assertNull(policy.refusal("http://LAB-BOX:7070", "lab-box:7070"));
    }

    @Test
    void aRequestWithoutOriginComesFromATool() {
        assertNull(policy.refusal(null, "127.0.0.1:7070"));
    }

    @Test
    void anotherSiteIsRefusedWithAReason() {
        String refusal = policy.refusal("https://evil.example", "127.0.0.1:7070");
        assertNotNull(refusal);
        assertTrue(refusal.contains("https://evil.example"), refusal);
        assertNotNull(policy.refusal("http://127.0.0.1:8080", "127.0.0.1:7070"), "another port is another origin");
        assertNotNull(policy.refusal("null", "127.0.0.1:7070"), "a sandboxed frame's opaque origin");
    }

    @Test
    void everyRequestToTheLabsOwnNamesIsAnsweredWithOrWithoutOrigin() {
        for (String host : new String[] {"127.0.0.1:7070", "localhost:7070", "LOCALHOST", "[::1]:7070", "[::1]",
                "192.168.1.20:7070", "lab-box:7070", "Lab-Box", "app.localhost:7070", "localhost.:7070"}) {
            assertNull(policy.hostRefusal(host), host);
        }
    }

    @Test
    void aRequestToAnotherNameIsRefusedEvenWithoutOrigin() {
        String refusal = policy.hostRefusal("evil.example:42070");
        assertNotNull(refusal);
        assertTrue(refusal.contains("\"evil.example:42070\", which is not one of the lab's addresses"), refusal);
        assertTrue(refusal.contains("http://127.0.0.1:42070"), "names the address to use instead: " + refusal);
        assertTrue(refusal.contains("--allowed-hosts evil.example"), "names the option: " + refusal);
        for (String host : new String[] {"lab-box.evil.example", "localhost.evil.example", "127.0.0.1.evil.example",
                "127.0.0.1@evil.example", "127.0.0.1/path", "", "a b"}) {
            assertNotNull(policy.hostRefusal(host), host);
        }
    }

    @Test
    void aRequestWithoutAnyHostHeaderComesFromATool() {
        assertNull(policy.hostRefusal(null), "HTTP/1.0 needs no Host, and no browser sends a request without one");
        assertNotNull(policy.refusal("http://127.0.0.1:7070", null), "but a page's request always names its host");
    }

    @Test
    void aRefusalRepeatsAtMostTheStartOfAHugeHostHeader() {
        String refusal = policy.hostRefusal("x".repeat(5000) + ".example");
        assertTrue(refusal.length() < 1000, refusal.length() + " characters");
    }

    @Test
    void aRebindingNameIsRefusedEvenWhenOriginAndHostAgree() {
        String refusal = policy.refusal("http://attacker.example:7070", "attacker.example:7070");
        assertNotNull(refusal);
        assertTrue(refusal.contains("not one of the lab's addresses"), refusal);
    }
}
