package dev.streamlab.engine;

/** Receives the engine's ordered log; {@link #OFF} switches logging off so that no log record is even allocated. */
@FunctionalInterface
public interface EngineLog {

    /** No logging: the engine checks for this instance and skips building log records. */
    EngineLog OFF = entry -> { };

    void record(LogEntry entry);
}
