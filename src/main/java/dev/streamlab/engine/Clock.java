package dev.streamlab.engine;

/** Processing time, injected: the engine never reads the wall clock itself. */
@FunctionalInterface
public interface Clock {
    /** The current processing time in ms; must never go backwards. */
    long nowMs();
}
