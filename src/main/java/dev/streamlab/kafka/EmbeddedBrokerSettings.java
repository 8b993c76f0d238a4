package dev.streamlab.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the embedded broker listens and keeps its data. Ports are 1..65535; the controller port is the
 * KRaft quorum's own listener and must differ from the client port.
 */
public record EmbeddedBrokerSettings(String bindHost, String advertisedHost, int port, int controllerPort,
                                     Path dataDir, Map<String, String> overrides) {
    public EmbeddedBrokerSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(dataDir, "dataDir");
        overrides = Map.copyOf(overrides);
        if (port < 1 || port > 65535 || controllerPort < 1 || controllerPort > 65535) {
            throw new IllegalArgumentException("ports must be between 1 and 65535, got " + port + " and " + controllerPort);
        }
        if (port == controllerPort) {
            throw new IllegalArgumentException("the client port and the controller port must differ: " + port);
        }
    }
}
