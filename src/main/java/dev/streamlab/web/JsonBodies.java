package dev.streamlab.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a JSON request body into a record, and says in one sentence what was wrong with it and what was expected
 * when it cannot (Jackson's own messages name Java types and source positions, which help nobody here).
 */
final class JsonBodies {
    /** Strict: unknown fields are typos to point out, and 2.5 partitions is not 2. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {
    }

    /**
     * @param example what a good body looks like, quoted in the error
     * @throws ActionException BAD_REQUEST when the body is empty, not JSON, or does not fit {@code type}
     */
    static <T> T read(String body, Class<T> type, String example) {
        T value;
        try {
            value = body == null || body.isBlank() ? null : MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ActionException(Problem.BAD_REQUEST, explain(e) + "; expected a JSON object like " + example + ".");
        }
        if (value == null) {
            throw new ActionException(Problem.BAD_REQUEST, "the request needs a JSON body like " + example + ".");
        }
        return value;
    }

    private static String explain(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? ""
                    : " (known fields: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")";
            return "unknown field \"" + u.getPropertyName() + "\"" + known;
        }
        if (e instanceof InputCoercionException c) {
            return field(c.getProcessor()) + "a number out of range (" + c.getOriginalMessage() + ")";
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String got = m instanceof InvalidFormatException f ? " (got " + quote(f.getValue()) + ")" : "";
            return "field \"" + path(m) + "\" must be " + kind(m.getTargetType()) + got;
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return "field \"" + path(m) + "\" has "
                    + (m.getCause() instanceof InputCoercionException ? "a number out of range" : "a value that does not fit");
        }
        if (e instanceof MismatchedInputException) {
            return "the body is JSON but not an object";
        }
        var where = e.getLocation();
        return "the body is not valid JSON" + (where == null ? ""
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
    }

    private static String field(Object processor) {
        if (processor instanceof JsonParser p && p.getParsingContext() != null
                && p.getParsingContext().getCurrentName() != null) {
            return "field \"" + p.getParsingContext().getCurrentName() + "\" has ";
        }
        return "the body has ";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string (or a number)";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object whose values are strings";
        }
        return "a " + type.getSimpleName();
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
