package dev.streamlab.lab;

import dev.streamlab.kafka.actions.TopicActions;
import dev.streamlab.lab.progress.LearnerName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every learner gets names of their own that Kafka accepts; the default learner keeps the lab's names. */
class LearnerNamesTest {
    private static final Submission NOVICE = new Submission("orders", "billing", null);

    @Test
    void theDefaultLearnerKeepsTheLabsOwnNames() {
        assertEquals(NOVICE, LearnerNames.of(LearnerName.DEFAULT).of(NOVICE));
        assertTrue(LearnerNames.of(LearnerName.DEFAULT).none());
    }

    @Test
    void aPlainNameIsItsOwnPrefix() {
        assertEquals(new Submission("alice-orders", "alice-billing", null),
                LearnerNames.of(new LearnerName("alice")).of(NOVICE));
    }

    @Test
    void namesThatDifferOnlyInCaseOrSpellingGetDifferentPrefixes() {
        String[] alike = {"alice", "Alice", "ALICE", "al ice", "al.ice", "al_ice", "al-ice", "Ada Lovelace",
                "Ada-Lovelace", "Ada  Lovelace", "Zoë", "Zoe", "Zoè"};
        java.util.Set<String> prefixes = new java.util.HashSet<>();
        for (String name : alike) {
            prefixes.add(LearnerNames.of(new LearnerName(name)).prefix());
        }
        assertEquals(alike.length, prefixes.size(), prefixes.toString());
    }

    @Test
    void aSpelledOutNameStaysReadableAndIsMarkedSoNoTypedNameCanTakeIt() {
        String prefix = LearnerNames.of(new LearnerName("Zoë Ng")).prefix();
        assertTrue(prefix.matches("Zoe-Ng_[0-9a-f]{8}-"), prefix);
        // a typed name holding '_' is itself spelled out, so it can never be another's exact prefix
        assertNotEquals(prefix, LearnerNames.of(new LearnerName(prefix.substring(0, prefix.length() - 1))).prefix());
    }

    @Test
    void everyLearnersNamesAreLegalKafkaNamesEvenFromOtherScriptsAndAtTheLongestName() {
        for (String name : new String[] {"李雷", "Ольга", "-dash", "x".repeat(LearnerName.MAX_LENGTH),
                "é".repeat(LearnerName.MAX_LENGTH), "...", "a b c . _ -"}) {
            String topic = LearnerNames.of(new LearnerName(name)).name("order-counts");
            TopicActions.checkTopic(topic);
            TopicActions.checkGroup(topic);
        }
    }

    @Test
    void aPrefixThatKafkaWouldRefuseIsRefusedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LearnerNames("al ice-"));
        assertTrue(e.getMessage().contains("letters, digits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LearnerNames("alice"));
        assertThrows(IllegalArgumentException.class, () -> new LearnerNames("x".repeat(60) + "-"));
    }

    @Test
    void aNameTooLongForKafkaOnceIsPrefixedIsRefusedInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearnerNames.of(new LearnerName("alice")).name("o".repeat(LearnerNames.MAX_NAME)));
        assertTrue(e.getMessage().startsWith("Kafka names have at most 249 characters"), e.getMessage());
    }

    @Test
    void noLearnersNamesAreAnothersEvenWhenOneNameStartsTheOther() {
        LearnerNames alice = LearnerNames.of(new LearnerName("alice"));
        LearnerNames aliceEos = LearnerNames.of(new LearnerName("alice-eos"));
        // alice's advanced input and alice-eos's novice topic would both be alice-eos-orders under a plain '-' rule
        assertNotEquals(alice.name("eos-orders"), aliceEos.name("orders"));
        assertTrue(alice.owns(alice.name("eos-orders")));
        assertTrue(!alice.owns(aliceEos.name("orders")), aliceEos.name("orders"));
        assertTrue(!aliceEos.owns(alice.name("eos-orders")));
    }

    @Test
    void aDemoWithItsOwnPrefixKeepsItFirstAndTheLearnersAfterIt() {
        LearnerNames alice = LearnerNames.of(new LearnerName("alice"));

        assertEquals("bs-orders", LearnerNames.NONE.within("bs-", "orders"));
        assertEquals("bs-alice-orders", alice.within("bs-", "orders"));
        assertTrue(alice.ownsWithin("bs-", "bs-alice-orders"));
        assertTrue(!alice.ownsWithin("bs-", "bs-orders"), "the default learner's demo topic is not alice's");
        assertTrue(!alice.ownsWithin("bs-", "alice-orders"), "a challenge topic is not a demo topic");
    }

    @Test
    void aNamedLearnerMayNotNameAnotherLearnersTopic() {
        LearnerNames alice = LearnerNames.of(new LearnerName("alice"));
        alice.requireOwned(new Submission("alice-orders", "alice-other-group", null), "alice");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> alice.requireOwned(new Submission("bob-orders", null, null), "alice"));
        assertTrue(e.getMessage().contains("alice-"), e.getMessage());
        LearnerNames.NONE.requireOwned(new Submission("bob-orders", "billing", null), "Learner");
    }
}
