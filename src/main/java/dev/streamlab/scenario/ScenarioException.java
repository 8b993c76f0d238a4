package dev.streamlab.scenario;

/** A scenario that cannot be run; the message is one line naming the field (and event index) and the rule it breaks. */
public final class ScenarioException extends Exception {

    public ScenarioException(String message) {
        super(message);
    }
}
