package dev.streamlab.testing;

import java.util.UUID;

/** Unique topic, group and transactional-id names, so tests sharing one broker never see each other's data. */
public final class Names {
    private Names() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
