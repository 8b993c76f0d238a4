package dev.streamlab.web;

import dev.streamlab.kafka.BrokerInfo;
import dev.streamlab.kafka.ClusterStatus;
import dev.streamlab.kafka.actions.KafkaActions;
import dev.streamlab.lab.Quest;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/** What the web layer is given to work with; tests build one around a real broker or a fixed status. */
public record WebContext(Quest quest, BrokerInfo broker, Supplier<ClusterStatus> clusterStatus,
                         Clock clock, Instant startedAt, KafkaActions kafkaActions) {
    public WebContext {
        Objects.requireNonNull(quest, "quest");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(clusterStatus, "clusterStatus");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(kafkaActions, "kafkaActions");
    }

    HealthReport health() {
        return HealthReport.of(broker, clusterStatus.get(), startedAt, clock.instant());
    }
}
