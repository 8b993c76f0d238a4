package dev.streamlab.engine;

/** Receives the engine's results: window firings and elements sent to the late side output, in the order they happen. */
public interface EngineOutput {

    void onFiring(Firing firing);

    void onLate(LateElement element);
}
