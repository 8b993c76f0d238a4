package dev.streamlab.kafka;

/** Whether the lab runs its own broker in this JVM or uses a cluster someone else runs. */
public enum BrokerMode {
    EMBEDDED, EXTERNAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
