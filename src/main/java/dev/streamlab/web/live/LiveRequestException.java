package dev.streamlab.web.live;

/** A client asked for something the hub cannot give (unknown subject, missing topic); the message is for the learner. */
public final class LiveRequestException extends Exception {
    public LiveRequestException(String message) {
        super(message);
    }
}
