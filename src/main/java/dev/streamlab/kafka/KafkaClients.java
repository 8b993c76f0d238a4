package dev.streamlab.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * What Kafka's own config classes say is wrong with the user's properties (an unknown {@code security.protocol},
     * a number that is not one, ...), checked before any client is made, so start-up can name the file and the key
     * instead of failing later inside a client's constructor. Keys Kafka does not know are left to Kafka's warning.
     */
    public Optional<String> configProblem() {
        Map<String, Object> config = new HashMap<>(extraProperties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // the lab sets these itself; without them the producer's and consumer's definitions refuse the map
        config.putIfAbsent(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putIfAbsent(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putIfAbsent(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putIfAbsent(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try {
            // ConfigDef.parse checks each value against its type and validator, and logs nothing
            AdminClientConfig.configDef().parse(config);
            ProducerConfig.configDef().parse(config);
            ConsumerConfig.configDef().parse(config);
        } catch (ConfigException e) {
            return Optional.of(e.getMessage());
        }
        // Kafka only opens these when the first client is made, and then logs an ERROR with a stack trace first
        for (String key : List.of(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG)) {
            String location = extraProperties.get(key);
            if (location == null || location.isBlank()) {
                continue;
            }
            try {
                Path file = Path.of(location);
                if (!Files.isReadable(file)) {
                    return Optional.of(key + " is " + location + ", which "
                            + (Files.exists(file) ? "cannot be read" : "does not exist"));
                }
            } catch (InvalidPathException e) {
                return Optional.of(key + " is not a file name (" + e.getMessage() + ")");
            }
        }
        return Optional.empty();
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
