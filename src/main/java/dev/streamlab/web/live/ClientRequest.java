package dev.streamlab.web.live;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.streamlab.kafka.KafkaNames;

/**
 * What a page asks of the hub, as JSON: {@code {"op":"subscribe","ref":"r1","subject":"topic","topic":"orders"}}.
 * Subjects: {@code status} (is Kafka answering), {@code cluster}, {@code consumers} (the lab's demo consumers), {@code topic} (a topic's partitions), {@code group} (a consumer group),
 * {@code playback} (the time lab's class playback, which the presenter view drives; with {@code session}, a learner's own),
 * {@code steps} (one playback run's pipeline steps, {@code run}),
 * {@code records} (a topic's records; {@code isolation} read_uncommitted or read_committed, {@code from} end,
 * end:N, offset:N or time:T), {@code running} (chapter 1's batch-versus-stream demo on a {@code topic}).
 * {@code unsubscribe} gives the {@code ref} of the subscribe it undoes (allowed before the subscribe was answered;
 * the subscription ends when no ref holds it), or names the subject key the hub answered with (ends it outright).
 * {@link #check()} bounds every field: topics and groups by Kafka's name rule ({@link KafkaNames}), {@code ref} to
 * {@value #MAX_REF} characters and the rest to {@value #MAX_FIELD}, so no answer repeats a huge value.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientRequest(String op, String ref, String subject, String topic, String group, String isolation, String from,
                            String run, String session) {

    static final int MAX_REF = 100;
    static final int MAX_FIELD = 300;

    /** @throws LiveRequestException naming the first field that breaks its limit, with its length */
    void check() throws LiveRequestException {
        bounded("ref", ref, MAX_REF);
        bounded("op", op, MAX_FIELD);
        bounded("subject", subject, MAX_FIELD);
        bounded("isolation", isolation, MAX_FIELD);
        bounded("from", from, MAX_FIELD);
        bounded("run", run, MAX_FIELD);
        bounded("session", session, MAX_FIELD);
        if (topic != null && !topic.isBlank()) {
            problem(KafkaNames.topicProblem(topic));
        }
        if (group != null && !group.isBlank()) {
            problem(KafkaNames.groupProblem(group));
        }
    }

    private static void bounded(String field, String value, int max) throws LiveRequestException {
        if (value != null && value.length() > max) {
            throw new LiveRequestException("\"" + field + "\" is " + value.length() + " characters long; at most " + max
                    + " are read");
        }
    }

    private static void problem(java.util.Optional<String> problem) throws LiveRequestException {
        if (problem.isPresent()) {
            throw new LiveRequestException(problem.get());
        }
    }

    /** The key a subscription is known by in frames; replays are private to one client, so their key says so. */
    String key() throws LiveRequestException {
        return switch (subject == null ? "" : subject) {
            case "cluster" -> "cluster";
            case "status" -> "status";
            case "consumers" -> "consumers";
            case "playback" -> session == null || session.isBlank() ? "playback" : "playback/" + session;
            case "pipelines" -> "pipelines";
            case "guarantees" -> "guarantees";
            case "board" -> "board/" + required(session, "session");
            case "steps" -> "steps/" + required(run, "run");
            case "topic" -> "topic/" + required(topic, "topic");
            case "group" -> "group/" + required(group, "group");
            case "running" -> BatchStreamFeed.PREFIX + required(topic, "topic");
            case "records" -> "records/" + isolationOrDefault() + "/" + required(topic, "topic")
                    + (isLive() ? "" : "@" + from);
            default -> throw new LiveRequestException("unknown subject \"" + subject
                    + "\": use status, cluster, topic, group, records, consumers, playback, pipelines, guarantees, board, steps or running");
        };
    }

    String isolationOrDefault() {
        return isolation == null || isolation.isBlank() ? "read_uncommitted" : isolation;
    }

    /** A live tail from the end is shared; anything else is a replay of this client's own. */
    boolean isLive() {
        return from == null || from.isBlank() || from.equals("end");
    }

    private static String required(String value, String name) throws LiveRequestException {
        if (value == null || value.isBlank()) {
            throw new LiveRequestException("this subject needs a \"" + name + "\"");
        }
        return value;
    }
}
