package dev.streamlab.web;

import dev.streamlab.kafka.BrokerInfo;
import dev.streamlab.kafka.ClusterStatus;

import java.time.Duration;
import java.time.Instant;

/** The body of {@code GET /api/health}: how the lab reaches Kafka and whether Kafka answers right now. */
public record HealthReport(String mode,
                           String bootstrapServers,
                           boolean brokerReachable,
                           String kafkaVersion,
                           String clientVersion,
                           String clusterId,
                           int brokers,
                           String problem,
                           String startedAt,
                           double uptimeSeconds) {

    static HealthReport of(BrokerInfo info, ClusterStatus status, Instant startedAt, Instant now) {
        return new HealthReport(info.mode().label(), info.bootstrapServers(), status.reachable(),
                info.brokerVersion().orElse(null), info.clientVersion(), status.clusterId().orElse(null),
                status.brokers(), status.problem().orElse(null), startedAt.toString(),
                Duration.between(startedAt, now).toMillis() / 1000.0);
    }
}
