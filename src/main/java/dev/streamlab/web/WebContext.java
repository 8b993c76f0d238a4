package dev.streamlab.web;

import dev.streamlab.kafka.BrokerInfo;
import dev.streamlab.kafka.ClusterStatus;
import dev.streamlab.kafka.actions.KafkaActions;
import dev.streamlab.kafka.aggregate.BatchStreamLab;
import dev.streamlab.kafka.guarantees.GuaranteesDesk;
import dev.streamlab.lab.Quest;
import dev.streamlab.lab.QuestService;
import dev.streamlab.lab.progress.LearnerKeys;
import dev.streamlab.web.live.LiveHub;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import dev.streamlab.web.live.ClassroomSources;
import java.util.function.Supplier;

/**
 * What the web layer is given to work with ({@code learning} is the quest and each learner's progress in it); tests build one around a real broker or a fixed status.
 * {@code kafkaChanged} is told after every action that changed Kafka, so live pages see it without waiting for the
 * next poll; {@code allowedHosts} are the names (besides localhost and IP literals) the lab may be reached by;
 * {@code classroom} says whether a class shares the lab (and the instructor's token), {@code learnerKeys} binds names to browsers;
 * {@code classroomFeeds} carries the instructor's board and learners' own playbacks to the live channel.
 */
public record WebContext(QuestService learning, BrokerInfo broker, Supplier<ClusterStatus> clusterStatus, Clock clock,
                         Instant startedAt, KafkaActions kafkaActions, TimeLab time, GuaranteesDesk guarantees,
                         BatchStreamLab batchStream, LiveHub live,
                         Runnable kafkaChanged, Set<String> allowedHosts, Classroom classroom,
                         LearnerKeys learnerKeys, ClassroomSources classroomFeeds) {
    public WebContext {
        Objects.requireNonNull(learning, "learning");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(clusterStatus, "clusterStatus");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(kafkaActions, "kafkaActions");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(guarantees, "guarantees");
        Objects.requireNonNull(batchStream, "batchStream");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(kafkaChanged, "kafkaChanged");
        allowedHosts = Set.copyOf(allowedHosts);
        Objects.requireNonNull(classroom, "classroom");
        Objects.requireNonNull(learnerKeys, "learnerKeys");
        Objects.requireNonNull(classroomFeeds, "classroomFeeds");
    }

    Quest quest() {
        return learning.quest();
    }

    HealthReport health() {
        return HealthReport.of(broker, clusterStatus.get(), startedAt, clock.instant());
    }
}
