package dev.streamlab.lab.progress;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Each learner's progress as one JSON file in a folder of the lab's data directory, so it survives restarts. A change
 * is written to a temporary file and moved over the old one, so a crash mid-write leaves the previous progress whole.
 * A file that cannot be read is set aside (renamed {@code .broken}) rather than silently overwritten.
 */
public final class ProgressStore {
    private final Path folder;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ProgressStore(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    public synchronized Progress load(LearnerName learner) {
        Path file = folder.resolve(learner.fileName());
        if (!Files.isRegularFile(file)) {
            return Progress.empty(learner);
        }
        try {
            return json.readValue(file.toFile(), Progress.class);
        } catch (IOException e) {
            setAside(file);
            return Progress.empty(learner);
        }
    }

    /** Applies {@code change} to the learner's progress and saves the result, which it returns. */
    public synchronized Progress update(LearnerName learner, UnaryOperator<Progress> change) {
        Progress next = change.apply(load(learner));
        save(learner, next);
        return next;
    }

    public synchronized void reset(LearnerName learner) {
        try {
            Files.deleteIfExists(folder.resolve(learner.fileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not reset the progress of " + learner.value() + ": " + e.getMessage(), e);
        }
    }

    private void save(LearnerName learner, Progress progress) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(learner.fileName());
            Path temp = Files.createTempFile(folder, "progress", ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), progress);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the progress of " + learner.value() + " in " + folder
                    + ": " + e.getMessage(), e);
        }
    }

    private static void setAside(Path file) {
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".broken"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ignored) {
            // reading it failed anyway; the next save replaces it
        }
    }
}
