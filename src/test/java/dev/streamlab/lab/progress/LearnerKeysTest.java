package dev.streamlab.lab.progress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A learner name is bound to the key handed out when it was first chosen, across restarts. */
class LearnerKeysTest {
    @TempDir
    Path progress;

    @Test
    void theFirstToChooseANameGetsItsKeyAndNobodyElseGetsOne() {
        LearnerKeys keys = new LearnerKeys(progress, new SecureRandom());
        String key = keys.claim(new LearnerName("Ada")).orElseThrow();

        assertTrue(keys.claim(new LearnerName("Ada")).isEmpty());
        assertTrue(keys.holds(new LearnerName("Ada"), key));
        assertFalse(keys.holds(new LearnerName("Ada"), key + "x"));
        assertFalse(keys.holds(new LearnerName("ada"), key), "names differing in case are different learners");
        assertFalse(keys.holds(new LearnerName("Bob"), key));
    }

    @Test
    void aRestartedLabStillKnowsWhoseNameIsWhoseAndTheFileHoldsNoKey() throws Exception {
        String key = new LearnerKeys(progress, new SecureRandom()).claim(new LearnerName("Grace")).orElseThrow();

        LearnerKeys afterRestart = new LearnerKeys(progress, new SecureRandom());
        assertTrue(afterRestart.holds(new LearnerName("Grace"), key));
        assertTrue(afterRestart.claim(new LearnerName("Grace")).isEmpty());
        assertFalse(Files.readString(progress.resolve(LearnerKeys.FILE)).contains(key), "only a hash of the key is kept");
    }

    @Test
    void aProgressFolderThatDoesNotExistYetIsMadeOnTheFirstClaim() {
        LearnerKeys keys = new LearnerKeys(progress.resolve("not-yet"), new SecureRandom());

        assertTrue(keys.claim(new LearnerName("Ada")).isPresent());
    }
}
