package dev.streamlab.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How every client of the lab reaches Kafka: the bootstrap address plus the user's extra client properties
 * (from {@code --kafka-config}), which win over nothing but the lab's defaults.
 */
public record KafkaClients(String bootstrapServers, Map<String, String> extraProperties) {

    public KafkaClients {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be empty");
        }
        extraProperties = Map.copyOf(extraProperties);
    }

    /** Base configuration for any client: lab defaults, then the user's properties, then the address. */
    public Map<String, Object> config(Map<String, Object> clientDefaults) {
        Map<String, Object> config = new HashMap<>(clientDefaults);
        config.putAll(extraProperties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** An Admin client that gives up on a call after {@code timeoutMs} instead of Kafka's default minute. */
    public Admin admin(String clientId, int timeoutMs) {
        return Admin.create(config(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, clientId,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                // Reconnect quickly after the broker comes back; the lab never needs a restart.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000)));
    }
}
