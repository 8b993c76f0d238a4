package dev.streamlab.kafka.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamlab.engine.FireCause;
import dev.streamlab.engine.Firing;
import dev.streamlab.engine.LateElement;
import dev.streamlab.engine.TimeDomain;

/**
 * The JSON values a pipeline writes. A firing, on the output topic:
 * {@code {"domain":"event","key":"cust-1","start":..,"end":..,"count":2,"sum":32.4,"min":12.5,"max":19.9,
 * "trigger":"watermark","cause":"watermark","afterEvent":4,"watermark":..}} where {@code trigger} is the conformance
 * format's ({@code watermark|element|end|processing}), {@code cause} the engine's
 * ({@code watermark|element|end_of_input|processing_time}), {@code afterEvent} is {@code null} for end of input and
 * {@code watermark} is {@code null} when there is none yet (or at end of input).
 * A late element, on the late topic: {@code {"event":6,"key":"cust-4","ts":..,"partition":0,"watermark":..,
 * "allowedLatenessMs":600000,"reason":"all_windows_expired"}}.
 */
final class OutputJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputJson() {
    }

    static String firing(Firing f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("domain", f.domain() == TimeDomain.EVENT_TIME ? "event" : "processing");
        n.put("key", f.key());
        n.put("start", f.window().start());
        n.put("end", f.window().end());
        n.put("count", f.result().count());
        n.put("sum", f.result().sum());
        n.put("min", f.result().min());
        n.put("max", f.result().max());
        n.put("trigger", trigger(f.cause()));
        n.put("cause", f.cause().name().toLowerCase(java.util.Locale.ROOT));
        if (f.cause() == FireCause.END_OF_INPUT) {
            n.putNull("afterEvent");
        } else {
            n.put("afterEvent", f.afterEvent());
        }
        watermark(n, f.watermark());
        return n.toString();
    }

    static String late(LateElement e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("event", e.event());
        n.put("key", e.key());
        n.put("ts", e.ts());
        n.put("partition", e.partition());
        watermark(n, e.watermark());
        n.put("allowedLatenessMs", e.allowedLatenessMs());
        n.put("reason", e.reason().name().toLowerCase(java.util.Locale.ROOT));
        return n.toString();
    }

    static String trigger(FireCause cause) {
        return switch (cause) {
            case WATERMARK -> "watermark";
            case ELEMENT -> "element";
            case END_OF_INPUT -> "end";
            case PROCESSING_TIME -> "processing";
        };
    }

    private static void watermark(ObjectNode n, long watermark) {
        if (watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE) {
            n.putNull("watermark");
        } else {
            n.put("watermark", watermark);
        }
    }
}
