package dev.streamlab.kafka;


import java.util.Objects;
import java.util.Optional;

/**
 * The fixed facts about the lab's Kafka: its mode, its address and versions. The broker's version is known
 * only for the embedded broker (it is this JVM's Kafka); for an external cluster only the client's is.
 */
public record BrokerInfo(BrokerMode mode, String bootstrapServers, Optional<String> brokerVersion, String clientVersion) {
    public BrokerInfo {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(brokerVersion, "brokerVersion");
        Objects.requireNonNull(clientVersion, "clientVersion");
    }

    public static BrokerInfo of(BrokerMode mode, String bootstrapServers) {
        String version = KafkaVersion.current();
        return new BrokerInfo(mode, bootstrapServers,
                mode == BrokerMode.EMBEDDED ? Optional.of(version) : Optional.empty(), version);
    }
}
