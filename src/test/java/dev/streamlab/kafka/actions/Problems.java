package dev.streamlab.kafka.actions;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on the errors an action gives a learner. */
final class Problems {
    private Problems() {
    }

    /** Runs {@code action}, expects it to refuse with {@code kind}, and returns the message for further checks. */
    static String refused(Problem kind, Executable action) {
        ActionException e = assertThrows(ActionException.class, action);
        assertEquals(kind, e.problem(), e.getMessage());
        assertTrue(e.getMessage().length() > 20, "a message that explains: " + e.getMessage());
        return e.getMessage();
    }

    static void contains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected \"" + part + "\" in: " + message);
        }
    }
}
