package dev.streamlab.web.live;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.engine.LogEntry;

/**
 * How the lab writes JSON for pages: plain records as they are, and the engine's log entries tagged with their
 * kind ({@code "type": "WindowFired"}), which the engine itself cannot say without knowing Jackson.
 */
public final class LiveJson {
    private LiveJson() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface LogEntryKinds {
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper().addMixIn(LogEntry.class, LogEntryKinds.class);
    }
}
