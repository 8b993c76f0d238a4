package dev.streamlab.web.fuzz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Frames a page could send on {@code /ws}: every op and subject of the protocol (web.live.ClientRequest and the
 * README's "Chapter 2 live" section) with valid fields, mutations of those, and frames that are not requests at all.
 */
final class LiveFrames {
    static final List<String> OPS = List.of("subscribe", "unsubscribe");
    static final List<String> SUBJECTS = List.of("status", "cluster", "consumers", "topic", "group", "records", "playback",
            "pipelines", "guarantees", "steps", "running");
    private static final List<String> FROMS = List.of("end", "end:5", "offset:0", "offset:120",
            "time:2026-11-25T10:00:00Z");
    private static final List<String> BAD_FROMS = List.of("time:+999999999-12-31T23:59:59Z", "time:-999999999-01-01T00:00:00Z",
            "time:garbage", "offset:-1", "offset:abc", "end:99999999999999999999", "end:-3", "offset:9223372036854775807",
            "", "start", "time:");

    private final FuzzInputs in;
    private final RouteInputs names;

    LiveFrames(FuzzInputs in, RouteInputs names) {
        this.in = in;
        this.names = names;
    }

    /**
     * One valid request for every op and subject, in order; then every edge value of {@code from} on a records
     * subscription, and the frames that are not requests at all: {@code null}, other JSON, not JSON, a 40,000-
     * character topic, a frame of 300,000 characters.
     */
    List<String> everyOpAndSubjectAndHostileFrame() {
        List<String> frames = new ArrayList<>();
        for (String subject : SUBJECTS) {
            for (String op : OPS) {
                frames.add(valid(op, subject).toString());
            }
        }
        for (String from : BAD_FROMS) {
            frames.add(valid("subscribe", "records").put("from", from).toString());
        }
        frames.addAll(List.of("null", "[]", "42", "\"subscribe\"", "true", "{}", "", "not json", "{\"op\":",
                "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"" + "x".repeat(40_000) + "\"}",
                "{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":\"" + "y".repeat(300_000) + "\"}",
                "{\"op\":\"subscribe\",\"subject\":\"group\",\"group\":\"" + "g".repeat(40_000) + "\"}"));
        return frames;
    }

    /** The next random frame: valid, mutated or hostile. */
    String next() {
        int roll = in.below(10);
        if (roll < 4) {
            return valid(in.pick(OPS), in.pick(SUBJECTS)).toString();
        }
        if (roll < 8) {
            ObjectNode frame = valid(in.pick(OPS), in.pick(SUBJECTS));
            if (in.chance(0.3)) {
                frame.put(in.pick(List.of("topic", "group", "run", "subject")), in.oddString());
            }
            if (in.chance(0.3)) {
                frame.put("from", in.pick(BAD_FROMS));
            }
            return in.mutateJson(frame.toString());
        }
        return switch (in.below(10)) {
            case 0, 1 -> "null";
            case 2 -> in.pick(List.of("[]", "42", "\"subscribe\"", "true", "{}", "[{\"op\":\"subscribe\"}]"));
            case 3 -> in.pick(List.of("", " ", "not json", "{", "{\"op\":"));
            case 4 -> "{\"op\":\"subscribe\",\"subject\":\"records\",\"topic\":\"" + "x".repeat(40_000) + "\"}";
            case 5 -> "{\"op\":\"subscribe\",\"subject\":\"topic\",\"topic\":\"" + "y".repeat(in.chance(0.5) ? 70_000 : 300_000)
                    + "\"}";
            case 6 -> "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000);
            case 7 -> "{\"op\":\"" + in.pick(List.of("SUBSCRIBE", "sub", "", "ping", "close")) + "\",\"subject\":\"cluster\"}";
            default -> "{\"op\":null,\"subject\":null,\"ref\":" + in.oddValue() + "}";
        };
    }

    private ObjectNode valid(String op, String subject) {
        ObjectNode frame = JsonNodeFactory.instance.objectNode().put("op", op).put("ref", "f" + in.below(1000))
                .put("subject", subject);
        switch (subject) {
            case "topic" -> frame.put("topic", names.validParam("topic"));
            case "group" -> frame.put("group", names.validParam("group"));
            case "running" -> frame.put("topic", in.pick(names.demoTopics));
            case "steps" -> frame.put("run", in.pick(names.runs));
            case "records" -> {
                frame.put("topic", names.validParam("topic"));
                if (in.chance(0.5)) {
                    frame.put("isolation", in.pick(List.of("read_committed", "read_uncommitted")));
                }
                if (in.chance(0.6)) {
                    frame.put("from", in.pick(FROMS));
                }
            }
            default -> { }
        }
        if (op.equals("unsubscribe")) { // unsubscribe names the key the hub answered with, e.g. topic/orders
            frame.put("subject", key(frame));
        }
        return frame;
    }

    private static String key(ObjectNode frame) {
        String subject = frame.path("subject").asText();
        String topic = frame.path("topic").asText();
        return switch (subject) {
            case "topic" -> "topic/" + topic;
            case "group" -> "group/" + frame.path("group").asText();
            case "running" -> "running/" + topic;
            case "steps" -> "steps/" + frame.path("run").asText();
            case "records" -> "records/" + frame.path("isolation").asText("read_uncommitted") + "/" + topic
                    + (frame.path("from").asText("end").equals("end") ? "" : "@" + frame.path("from").asText());
            default -> subject;
        };
    }
}
