package dev.streamlab;

/** The lab cannot start; the message is one line that says what is wrong and what to do about it. */
public final class StartupException extends Exception {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
