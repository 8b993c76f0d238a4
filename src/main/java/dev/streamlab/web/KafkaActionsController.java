package dev.streamlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.CreateTopicRequest;
import dev.streamlab.kafka.actions.KafkaActions;
import dev.streamlab.kafka.actions.ProduceRequest;
import dev.streamlab.kafka.actions.ResetRequest;
import dev.streamlab.kafka.actions.StartConsumerRequest;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;

/**
 * The lab's Kafka actions over HTTP: reads the JSON body, calls {@link KafkaActions}, writes the answer. Refusals
 * arrive as {@link ActionException} and leave through {@link #refused}, as {@code {"error": "..."}} with a 4xx or 503.
 */
final class KafkaActionsController {
    private static final String TOPIC_EXAMPLE = "{\"name\": \"orders\", \"partitions\": 3}";
    private static final String RECORD_EXAMPLE = "{\"key\": \"cust-1\", \"value\": \"order 1\"} (optional: \"partition\", "
            + "\"eventTime\", \"headers\")";
    private static final String CONSUMER_EXAMPLE = "{\"topic\": \"orders\", \"recordsPerSecond\": 0}";
    private static final String RESET_EXAMPLE = "{\"topic\": \"orders\", \"to\": \"earliest\"} (or \"latest\", "
            + "\"offset\" with \"offset\": 42, \"time\" with \"time\": \"2024-11-25T10:20:00Z\")";

    private final KafkaActions actions;

    KafkaActionsController(KafkaActions actions) {
        this.actions = actions;
    }

    /** {@code POST /api/topics}: 201 {@code {"name", "partitions"}}. */
    void createTopic(Context ctx) {
        CreateTopicRequest request = JsonBodies.read(ctx.body(), CreateTopicRequest.class, TOPIC_EXAMPLE);
        ctx.status(HttpStatus.CREATED).json(actions.topics().create(request));
    }

    /** {@code DELETE /api/topics/{name}}: 204. */
    void deleteTopic(Context ctx) {
        actions.topics().delete(ctx.pathParam("name"));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** {@code POST /api/topics/{name}/records}: 201 with where the record landed and why. */
    void produce(Context ctx) {
        RecordBody body = JsonBodies.read(ctx.body(), RecordBody.class, RECORD_EXAMPLE);
        ProduceRequest request = new ProduceRequest(body.key(), text(body.value()), body.partition(), body.eventTime(),
                body.headers());
        ctx.status(HttpStatus.CREATED).json(actions.records().produce(ctx.pathParam("name"), request));
    }

    /** {@code POST /api/groups/{group}/consumers}: 201 with the new demo consumer. */
    void startConsumer(Context ctx) {
        StartConsumerRequest request = JsonBodies.read(ctx.body(), StartConsumerRequest.class, CONSUMER_EXAMPLE);
        ctx.status(HttpStatus.CREATED).json(actions.consumers().start(ctx.pathParam("group"), request));
    }

    /** {@code GET /api/consumers}: {@code {"consumers": [...], "limit": 16}}. */
    void listConsumers(Context ctx) {
        ctx.json(Map.of("consumers", actions.consumers().list(), "limit", actions.consumers().limit()));
    }

    /** {@code POST /api/consumers/{id}/pause}: 200 with the consumer, now paused. */
    void pauseConsumer(Context ctx) {
        ctx.json(actions.consumers().pause(ctx.pathParam("id")));
    }

    /** {@code POST /api/consumers/{id}/resume}: 200 with the consumer, reading again. */
    void resumeConsumer(Context ctx) {
        ctx.json(actions.consumers().resume(ctx.pathParam("id")));
    }

    /** {@code DELETE /api/consumers/{id}}: 204 once it has left its group. */
    void stopConsumer(Context ctx) {
        actions.consumers().stop(ctx.pathParam("id"));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** {@code POST /api/groups/{group}/reset}: 200 with the new offset of each partition. */
    void resetGroup(Context ctx) {
        ResetRequest request = JsonBodies.read(ctx.body(), ResetRequest.class, RESET_EXAMPLE);
        ctx.json(actions.groups().reset(ctx.pathParam("group"), request));
    }

    /** The one place an action's refusal becomes an HTTP answer. */
    static void refused(ActionException e, Context ctx) {
        ctx.status(status(e)).json(Map.of("error", e.getMessage()));
    }

    static HttpStatus status(ActionException e) {
        return switch (e.problem()) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** A record's value may be a JSON string (written as it is) or any other JSON (written as compact JSON text). */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /** The body of {@code POST /api/topics/{name}/records}; {@code value} may be any JSON. */
    record RecordBody(String key, JsonNode value, Integer partition, String eventTime, Map<String, String> headers) {
    }
}
