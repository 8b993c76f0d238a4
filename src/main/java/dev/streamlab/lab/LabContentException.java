package dev.streamlab.lab;

/** Lab content under {@code labs/} that cannot be used: names the file and says what is wrong with it. */
public final class LabContentException extends RuntimeException {
    public LabContentException(String file, String problem, Throwable cause) {
        super("labs/" + file + ": " + problem, cause);
    }
}
