package dev.streamlab.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Random and mutated inputs from one seeded {@link Random}: the same seed gives the same inputs in the same order.
 * Mutations start from a valid value and break it the ways a careless page, a script or an attacker would: wrong
 * types, nulls, huge numbers, long and odd strings, deep nesting, truncation, not JSON at all.
 */
final class FuzzInputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Kafka's longest topic name is 249 characters; one past it, and far past it. */
    private static final String LONG_250 = "t".repeat(250);
    private static final String LONG_40K = "x".repeat(40_000);

    private final Random random;

    FuzzInputs(Random random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Strings a name field or path segment should refuse (or accept) without failing. */
    String oddString() {
        return switch (below(16)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "..";
            case 3 -> "__consumer_offsets";
            case 4 -> "__transaction_state";
            case 5 -> LONG_250;
            case 6 -> "t".repeat(249);
            case 7 -> "ünïcødé-名前-☃-\uD83D\uDE00";
            case 8 -> "a/b";
            case 9 -> "-1";
            case 10 -> "null";
            case 11 -> "<script>alert(1)</script>";
            case 12 -> "tab\there\nnewline";
            case 13 -> "\u0000nul";
            case 14 -> random.nextBoolean() ? LONG_40K : "y".repeat(2_000);
            default -> "x" + Long.toHexString(random.nextLong());
        };
    }

    /** A valid value changed a little: a character flipped, cut, doubled or prefixed. */
    String mutate(String valid) {
        if (valid.isEmpty()) {
            return oddString();
        }
        int at = below(valid.length());
        return switch (below(6)) {
            case 0 -> valid.substring(0, at);
            case 1 -> valid + valid;
            case 2 -> valid.substring(0, at) + (char) (32 + below(95)) + valid.substring(at + 1);
            case 3 -> valid.toUpperCase(java.util.Locale.ROOT);
            case 4 -> "__" + valid;
            default -> valid + oddString();
        };
    }

    /**
     * A path segment for a {@code {param}}: the valid value, a mutation of it, or an odd one, percent-encoded so
     * the URI is legal; now and then raw percent-encodings that the server decodes itself ({@code %2e%2e},
     * {@code %2F}, {@code %00}, a lone {@code %25}).
     */
    String segment(String valid) {
        int roll = below(10);
        if (roll < 4) {
            return encode(valid);
        }
        if (roll < 6) {
            return encode(mutate(valid));
        }
        if (roll < 8) {
            return encode(oddString());
        }
        return pick(List.of("%2e%2e", "%2E", "%2F", "a%2Fb", "%00", "%25", "%20", "%C3%A9", "%FF%FE", "%E2%80%8B",
                encode(valid) + "%0A", "%2e%2e%2f%2e%2e%2fetc"));
    }

    /** Percent-encodes every byte that is not unreserved in a URI path (RFC 3986). */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** A body that is not a JSON object, or not JSON, or too big: the same for every route. */
    String hostileBody() {
        return switch (below(14)) {
            case 0 -> "null";
            case 1 -> "[]";
            case 2 -> "\"text\"";
            case 3 -> "42";
            case 4 -> "true";
            case 5 -> "window: tumbling";
            case 6 -> "<xml/>";
            case 7 -> "{";
            case 8 -> "{\"a\":" .repeat(3_000) + "1" + "}".repeat(3_000);
            case 9 -> "[".repeat(5_000) + "]".repeat(5_000);
            case 10 -> "{\"big\":\"" + "z".repeat(2_000_000) + "\"}";
            case 11 -> "{\"a\":1,\"a\":2}";
            case 12 -> "\uFEFF{}";
            default -> new String(randomBytes(1 + below(200)), StandardCharsets.ISO_8859_1);
        };
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** One to three mutations of a valid JSON object; sometimes then cut short. */
    String mutateJson(String valid) {
        JsonNode tree = parse(valid);
        for (int i = 0, n = 1 + below(3); i < n; i++) {
            tree = mutateNode(tree, 0);
        }
        String text = tree.toString();
        if (chance(0.08)) {
            return text.substring(0, below(Math.max(1, text.length())));
        }
        return text;
    }

    private JsonNode mutateNode(JsonNode node, int depth) {
        if (node instanceof ObjectNode object && object.size() > 0 && (depth < 3 && chance(0.6))) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = pick(names);
            ObjectNode copy = object.deepCopy();
            switch (below(8)) {
                case 0 -> copy.remove(name);
                case 1 -> copy.set(oddFieldName(), oddValue());
                default -> copy.set(name, mutateNode(object.get(name), depth + 1));
            }
            return copy;
        }
        if (node instanceof ArrayNode array && array.size() > 0 && depth < 3 && chance(0.6)) {
            ArrayNode copy = array.deepCopy();
            int at = below(array.size());
            switch (below(4)) {
                case 0 -> copy.remove(at);
                case 1 -> copy.add(array.get(at).deepCopy());
                default -> copy.set(at, mutateNode(array.get(at), depth + 1));
            }
            return copy;
        }
        if (node.isTextual() && chance(0.5)) {
            return NODES.textNode(mutate(node.textValue()));
        }
        if (node.isNumber() && chance(0.5)) {
            return hugeOrOddNumber();
        }
        return oddValue();
    }

    private String oddFieldName() {
        return pick(List.of("unknown", "", "__proto__", "constructor", "topic", "x".repeat(300)));
    }

    /** Any JSON value, weighted to the ones that break naive readers. */
    JsonNode oddValue() {
        return switch (below(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> hugeOrOddNumber();
            case 3 -> NODES.textNode(oddString());
            case 4 -> NODES.arrayNode();
            case 5 -> NODES.objectNode();
            case 6 -> NODES.arrayNode().add(1).add("two").addNull();
            case 7 -> NODES.objectNode().put("nested", oddString());
            case 8 -> NODES.textNode("2024-11-25T10:20:00Z");
            case 9 -> NODES.textNode("+999999999-12-31T23:59:59Z");
            case 10 -> NODES.numberNode(random.nextInt(10));
            default -> NODES.textNode(Long.toString(random.nextLong()));
        };
    }

    private JsonNode hugeOrOddNumber() {
        return switch (below(12)) {
            case 10 -> NODES.numberNode(1); // a slide of 1 under a large size: millions of windows per event
            case 11 -> NODES.numberNode(10_000_000);
            case 0 -> NODES.numberNode(Long.MAX_VALUE);
            case 1 -> NODES.numberNode(Long.MIN_VALUE);
            case 2 -> NODES.numberNode(new java.math.BigInteger("99999999999999999999999999"));
            case 3 -> NODES.numberNode(1e308);
            case 4 -> NODES.numberNode(-1);
            case 5 -> NODES.numberNode(0);
            case 6 -> NODES.numberNode(2.5);
            case 7 -> NODES.numberNode(Integer.MAX_VALUE);
            case 8 -> NODES.numberNode(1_000_000_000_000L);
            default -> NODES.numberNode(random.nextInt(100_000));
        };
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
