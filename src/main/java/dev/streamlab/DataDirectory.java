package dev.streamlab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The lab's data directory, held for as long as the lab runs: one lab per directory, enforced by a lock
 * file, so two labs never write the same broker logs.
 */
final class DataDirectory implements AutoCloseable {
    private static final String LOCK_FILE = ".streamlab.lock";
    /** Learners' progress: kept by {@code --fresh}, which starts the broker afresh, not the learners. */
    static final String PROGRESS = "progress";
    /** Records of the lab's child processes: kept by {@code --fresh}, so the start can still end a killed lab's leftovers. */
    static final String CHILDREN = "children";

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates (or with {@code fresh}, empties) the directory and locks it; fails with a message saying what to do. */
    static DataDirectory open(Path dir, boolean fresh) throws StartupException {
        Path root = dir.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new StartupException("data directory " + root + " is a file, not a directory; choose another with --data-dir");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StartupException("cannot create the data directory " + root + " (" + e.getMessage()
                    + "); choose a writable one with --data-dir");
        }
        if (!Files.isWritable(root)) {
            throw new StartupException("the data directory " + root + " is not writable; fix its permissions or choose another with --data-dir");
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(channel);
        } catch (IOException e) {
            throw new StartupException("the data directory " + root + " is not writable (" + e.getMessage()
                    + "); fix its permissions or choose another with --data-dir");
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new StartupException("another Streamlab is already using the data directory " + root
                    + "; stop it first, or give this one its own --data-dir");
        }
        DataDirectory directory = new DataDirectory(root, channel, lock);
        if (fresh) {
            directory.wipe();
        }
        return directory;
    }

    Path path() {
        return root;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another lab in this same JVM (tests run several)
        }
    }

    private void wipe() throws StartupException {
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (!name.equals(LOCK_FILE) && !name.equals(PROGRESS) && !name.equals(CHILDREN)) {
                    deleteTree(child);
                }
            }
        } catch (IOException e) {
            throw new StartupException("--fresh could not empty " + root + " (" + e.getMessage() + "); delete it by hand");
        }
    }

    private static void deleteTree(Path path) throws IOException {
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Where the lab notes the processes it starts (see {@code ChildRecords}). */
    Path children() {
        return root.resolve(CHILDREN);
    }

    /** Where learners' progress is kept. */
    Path progress() {
        return root.resolve(PROGRESS);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel closes next and releases it anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do at shutdown
        }
    }
}
