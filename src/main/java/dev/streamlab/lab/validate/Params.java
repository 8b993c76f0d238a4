package dev.streamlab.lab.validate;

import java.time.Duration;
import java.util.Map;

/**
 * A check's parameters from the challenge's content, read with a default. A value of the wrong type is a content
 * error and says which parameter and what it should be.
 */
public record Params(Map<String, Object> values) {
    public Params {
        values = Map.copyOf(values);
    }

    public static Params none() {
        return new Params(Map.of());
    }

    public int integer(String name, int fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        throw new IllegalArgumentException("parameter " + name + " should be a whole number, got " + v);
    }

    public String string(String name, String fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("parameter " + name + " should be text, got " + v);
    }

    public boolean flag(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("parameter " + name + " should be true or false, got " + v);
    }

    /** A duration written in seconds, e.g. {@code "windowSeconds": 60}. */
    public Duration seconds(String name, Duration fallback) {
        return values.containsKey(name) ? Duration.ofSeconds(integer(name, 0)) : fallback;
    }
}
