package dev.streamlab.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A process the lab started, as it is kept on disk: its pid, when it started and which executable it runs, so that a
 * later lab ends it only if that pid still belongs to the same process, never to one the system gave the pid to since.
 *
 * @param command the executable's path; empty when the system did not say
 * @param what    what the process is for, in words ({@code worker exactly-once})
 */
public record ChildRecord(long pid, Instant start, String command, String what) {
    /**
     * Two JVMs may see one process's start a second apart: Java adds the process's age in clock ticks to the boot
     * time in whole seconds from {@code /proc/stat}, which the kernel recomputes and which can flip by one. A pid
     * reused within that second by the same executable is not a risk worth a wrong refusal.
     */
    static final Duration SAME_START = Duration.ofSeconds(1);

    public ChildRecord {
        if (pid <= 0) {
            throw new IllegalArgumentException("a pid is a positive number, got " + pid);
        }
        Objects.requireNonNull(start, "start");
        command = command == null ? "" : command;
        what = what == null ? "" : what;
    }

    /** The record of a running process; empty when the system does not tell its start (it could not be told apart later). */
    public static Optional<ChildRecord> of(ProcessHandle process, String what) {
        ProcessHandle.Info info = process.info();
        return info.startInstant().map(start -> new ChildRecord(process.pid(), start, info.command().orElse(""), what));
    }

    /** True when {@code process} is the one this record describes: same pid, same start, same executable. */
    public boolean describes(ProcessHandle process) {
        if (process.pid() != pid) {
            return false;
        }
        ProcessHandle.Info info = process.info();
        Optional<Instant> started = info.startInstant();
        if (started.isEmpty() || Duration.between(start, started.get()).abs().compareTo(SAME_START) > 0) {
            return false;
        }
        return command.isEmpty() || info.command().map(command::equals).orElse(true);
    }

    /** The running process this record describes, if it still runs. */
    public Optional<ProcessHandle> find() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::describes);
    }
}
