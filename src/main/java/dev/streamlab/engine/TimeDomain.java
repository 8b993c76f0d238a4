package dev.streamlab.engine;

/** Which clock a window operator runs on: event time (watermarks) or processing time (the injected clock). */
public enum TimeDomain {
    EVENT_TIME,
    PROCESSING_TIME
}
