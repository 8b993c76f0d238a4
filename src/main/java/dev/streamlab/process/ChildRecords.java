package dev.streamlab.process;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The lab's child processes, one small file each in its data directory ({@code children/<pid>.properties}): written
 * when a child starts, removed when it ends. A lab killed hard removes nothing, so the next lab on the same directory
 * (which holds the directory's lock, so no other lab owns these children) ends every recorded process that still runs
 * as recorded, and forgets the rest: a pid the system has given to another process since is left alone.
 */
public final class ChildRecords {
    private static final String SUFFIX = ".properties";
    /** Our own records are a few hundred bytes; anything much bigger is not one. */
    private static final long MAX_RECORD_BYTES = 4096;
    /** A directory of thousands of files was not written by the lab; looking at this many is enough. */
    private static final int MAX_RECORDS = 1000;
    private static final long WAIT_FOR_END_SECONDS = 5;

    private final Path folder;

    private ChildRecords(Path folder) {
        this.folder = folder;
    }

    /** Records kept in {@code folder}, created when the first child starts. */
    public static ChildRecords in(Path folder) {
        return new ChildRecords(folder.toAbsolutePath().normalize());
    }

    /** Keeps no records: for a lab without a data directory of its own (the tests' in-process labs). */
    public static ChildRecords none() {
        return new ChildRecords(null);
    }

    /** Notes a child that has just started. */
    public void started(ProcessHandle child, String what) {
        Optional<ChildRecord> record = ChildRecord.of(child, what);
        if (folder != null && record.isPresent()) {
            write(record.get());
        }
    }

    /** Writes a record as {@link #started} does; public so a test can write one that no longer matches its pid. */
    public void write(ChildRecord record) {
        if (folder == null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(record.pid()));
        p.setProperty("start", record.start().toString());
        p.setProperty("command", record.command());
        p.setProperty("what", record.what());
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve(record.pid() + SUFFIX + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                p.store(out, "a process this lab started; the next lab on this data directory ends it if it still runs");
            }
            // A lab killed mid-write leaves a .tmp file, never half a record.
            try {
                Files.move(temporary, file(record.pid()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file(record.pid()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // The record is a safety net for a lab killed hard; a child that could not be recorded still runs and
            // still watches its parent, so a full disk must not stop it.
        }
    }

    /** Forgets a child that has ended (or is being ended). */
    public void ended(ProcessHandle child) {
        if (folder != null) {
            deleteQuietly(file(child.pid()));
        }
    }

    /**
     * Ends (SIGKILL, with its own children) every recorded process that still runs as recorded, waits a few seconds
     * for each to go, and removes every record. Returns what it ended.
     */
    public List<ChildRecord> endLeftovers() {
        List<ChildRecord> ended = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return ended;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (files.size() >= MAX_RECORDS) {
                    break;
                }
                files.add(entry);
            }
        } catch (IOException e) {
            return ended;
        }
        for (Path file : files) {
            read(file).ifPresent(record -> record.find().ifPresent(process -> {
                end(process);
                ended.add(record);
            }));
            deleteQuietly(file);
        }
        return ended;
    }

    /** One line for the console naming what {@link #endLeftovers()} ended. */
    public static String describe(List<ChildRecord> ended) {
        return "Ended " + ended.size() + (ended.size() == 1 ? " process" : " processes")
                + " that an earlier run of this lab left running: "
                + ended.stream().map(r -> (r.what().isEmpty() ? "process" : r.what()) + " (pid " + r.pid() + ")")
                .collect(Collectors.joining(", "));
    }

    private static void end(ProcessHandle process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(0, process);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            handle.onExit().completeOnTimeout(handle, WAIT_FOR_END_SECONDS, TimeUnit.SECONDS).join();
        }
    }

    private static Optional<ChildRecord> read(Path file) {
        if (!file.getFileName().toString().endsWith(SUFFIX)) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_RECORD_BYTES) {
                return Optional.empty();
            }
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            return Optional.of(new ChildRecord(Long.parseLong(p.getProperty("pid", "")),
                    Instant.parse(p.getProperty("start", "")), p.getProperty("command"), p.getProperty("what")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a record the lab wrote: nothing to end
        }
    }

    private Path file(long pid) {
        return folder.resolve(pid + SUFFIX);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next start tries again; a stale record never ends a process it does not describe
        }
    }
}
