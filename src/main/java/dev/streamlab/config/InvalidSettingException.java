package dev.streamlab.config;

/** A setting the user gave cannot work; the message names the flag and what to give instead. */
public final class InvalidSettingException extends RuntimeException {
    public InvalidSettingException(String message) {
        super(message);
    }
}
