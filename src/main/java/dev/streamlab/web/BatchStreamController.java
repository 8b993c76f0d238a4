package dev.streamlab.web;

import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;
import dev.streamlab.kafka.aggregate.BatchStreamLab;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Chapter 1's demo over HTTP: reads the JSON body, calls {@link BatchStreamLab}, writes the answer. Refusals are
 * {@link ActionException}s and leave through the server's one handler, as {@code {"error": "..."}} with a 4xx or 503.
 */
final class BatchStreamController {
    private static final String TOPIC_EXAMPLE = "{\"topic\": \"" + BatchStreamLab.DEFAULT_TOPIC + "\"}";
    private static final String TRICKLE_EXAMPLE = "{\"topic\": \"" + BatchStreamLab.DEFAULT_TOPIC
            + "\", \"on\": true, \"perSecond\": 2}";
    private static final String ORDERS_EXAMPLE = "{\"topic\": \"" + BatchStreamLab.DEFAULT_TOPIC + "\", \"count\": 10}";
    /** What a page asks for when it gives no rate or count: the speed a person can follow, and one handful. */
    static final int DEFAULT_PER_SECOND = 2;
    static final int DEFAULT_COUNT = 10;

    private final BatchStreamLab lab;

    BatchStreamController(BatchStreamLab lab) {
        this.lab = lab;
    }

    /** {@code POST /api/batch-stream/batch}: 200 with the batch result and where it stopped. */
    void batch(Context ctx) {
        TopicBody body = JsonBodies.read(ctx.body(), TopicBody.class, TOPIC_EXAMPLE);
        ctx.json(lab.runBatch(body.topic()));
    }

    /** {@code POST /api/batch-stream/trickle}: 200 with the trickle as it is now. */
    void trickle(Context ctx) {
        TrickleBody body = JsonBodies.read(ctx.body(), TrickleBody.class, TRICKLE_EXAMPLE);
        if (body.on() == null) {
            throw new ActionException(Problem.BAD_REQUEST, "say whether to start or stop the trickle: \"on\" is true or "
                    + "false; expected a JSON object like " + TRICKLE_EXAMPLE + ".");
        }
        ctx.json(lab.trickle(body.topic(), body.perSecond() == null ? DEFAULT_PER_SECOND : body.perSecond(), body.on()));
    }

    /** {@code POST /api/batch-stream/orders}: 201 once Kafka has every order. */
    void orders(Context ctx) {
        OrdersBody body = JsonBodies.read(ctx.body(), OrdersBody.class, ORDERS_EXAMPLE);
        ctx.status(HttpStatus.CREATED).json(lab.addOrders(body.topic(), body.count() == null ? DEFAULT_COUNT : body.count()));
    }

    /** {@code POST /api/batch-stream/reset}: 200 once the topic is there again, empty. */
    void reset(Context ctx) {
        TopicBody body = JsonBodies.read(ctx.body(), TopicBody.class, TOPIC_EXAMPLE);
        ctx.json(lab.reset(body.topic()));
    }

    record TopicBody(String topic) {
    }

    record TrickleBody(String topic, Boolean on, Integer perSecond) {
    }

    record OrdersBody(String topic, Integer count) {
    }
}
