package dev.streamlab.scenario;

/** One scenario event: key, event time, value (default 0), input partition (default 0), arrival time on the virtual processing clock. */
public record ScenarioEvent(String key, long ts, double value, int partition, long arrivalMs) {
}
