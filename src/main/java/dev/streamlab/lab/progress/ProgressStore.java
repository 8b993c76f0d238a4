package dev.streamlab.lab.progress;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * A file that cannot be read is set aside (renamed {@code .broken}, or {@code .broken-2} ... when an older one is
 * there) rather than silently overwritten, and said once: one WARN line on the console, and a {@link ProgressNotice}
 * in the learner's fresh progress, saved with it so that it survives a restart.
 *
 * <p>The notice stays until the learner dismisses it ({@link #dismissNotice}), not until they next save: saving
 * also happens where the learner reads no notice (a "Check my work" on a challenge page, {@code validate --learner}
 * in a terminal), so a notice cleared by the first save could be gone before anyone saw it. A reset clears it with
 * everything else.
 */
public final class ProgressStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressStore.class);
    /** How many set-aside files of one learner are kept side by side before the last one is replaced. */
    private static final int KEPT_COPIES = 100;

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
        } catch (IOException | RuntimeException e) {
            // RuntimeException: JSON that parses but breaks Progress's own rules (e.g. "learner": null)
            return afresh(learner, file, e);
        }
    }

    /**
     * Every learner's saved progress, for the instructor's board. A file that cannot be read is left out (the learner
     * it belongs to meets it, and the notice, on their own next visit); nothing here writes.
     */
    public synchronized java.util.List<Progress> all() {
        if (!Files.isDirectory(folder)) {
            return java.util.List.of();
        }
        java.util.List<Progress> everyone = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".json"))::iterator) {
                try {
                    everyone.add(json.readValue(file.toFile(), Progress.class));
                } catch (IOException | RuntimeException e) {
                    LOG.debug("left {} off the board: it cannot be read", file, e);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list the progress folder " + folder, e);
        }
        return everyone;
    }

    /** Forgets the learner's notice of an unreadable file; their progress stays as it is. */
    public synchronized Progress dismissNotice(LearnerName learner) {
        Progress current = load(learner);
        if (current.unreadableKeptAs() == null) {
            return current;
        }
        Progress next = current.withUnreadableKeptAs(null);
        save(learner, next);
        return next;
    }

    /** Sets the unreadable file aside, says so once on the console, and starts the learner afresh with a notice. */
    private Progress afresh(LearnerName learner, Path file, Exception why) {
        Path kept = setAside(file);
        String reason = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage().lines().findFirst().orElse("");
        if (kept.equals(file)) {
            LOG.warn("the saved progress of {} in {} cannot be read ({}) nor be set aside; {} starts afresh and the "
                    + "file is replaced at their next save", learner.value(), file, reason, learner.value());
        } else {
            LOG.warn("the saved progress of {} in {} cannot be read ({}); it was kept as {} and {} starts afresh",
                    learner.value(), file, reason, kept, learner.value());
        }
        Progress fresh = Progress.empty(learner).withUnreadableKeptAs(kept.toString());
        try {
            save(learner, fresh);
        } catch (UncheckedIOException e) {
            // the folder refuses writes: the notice is shown this once, from memory, and the next save says why
        }
        return fresh;
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

    /** Where the file now is: the first free {@code .broken} name, or the file itself when it cannot be moved. */
    private static Path setAside(Path file) {
        Path target = file.resolveSibling(file.getFileName() + ".broken");
        for (int copy = 2; Files.exists(target) && copy <= KEPT_COPIES; copy++) {
            target = file.resolveSibling(file.getFileName() + ".broken-" + copy);
        }
        try {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            return file;
        }
    }
}
