package dev.streamlab.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs an action once the process that started this one has ended, by any signal (Java cannot ask the kernel for
 * {@code PR_SET_PDEATHSIG}). The sign is exact: when a parent dies the kernel gives its children a new parent, so
 * "my parent is no longer pid P" cannot be fooled by a reused pid or by the dead parent lingering as a zombie.
 *
 * <p>Two daemon threads look. One polls every {@link #POLL}. The other blocks on stdin, a pipe whose only write end
 * the parent holds: it reaches end-of-file the moment the parent dies, which makes the watch fast. End-of-file alone
 * proves nothing (a parent stopping its child with {@code Process.destroy()} also closes that pipe, and a dying
 * process closes its files a moment before its children are re-parented), so it only starts a short burst of checks.
 *
 * <p>The same pipe carries the parent's requests: each line written on it goes, as it arrives, to the
 * {@code onLine} handler of {@link #start(long, boolean, Runnable, Consumer)}; only its end means "parent gone".
 */
public final class ParentWatch {
    static final Duration POLL = Duration.ofMillis(250);
    private static final Duration BURST = Duration.ofSeconds(2);
    private static final long BURST_STEP_MS = 10;

    private final long parentPid;
    private final Runnable onGone;
    private final Consumer<String> onLine;
    private final AtomicBoolean fired = new AtomicBoolean();

    private ParentWatch(long parentPid, Runnable onGone, Consumer<String> onLine) {
        this.parentPid = parentPid;
        this.onGone = onGone;
        this.onLine = onLine;
    }

    /**
     * Starts watching; {@code onGone} runs once, on a watch thread, as soon as {@code parentPid} is no longer this
     * process's parent (at once when it already is not).
     *
     * @param watchStdin whether stdin is the parent's pipe and nobody else reads it
     */
    public static void start(long parentPid, boolean watchStdin, Runnable onGone) {
        start(parentPid, watchStdin, onGone, line -> { });
    }

    /**
     * As {@link #start(long, boolean, Runnable)}, and each line the parent writes on stdin (without its line end) is
     * handed to {@code onLine} on the stdin thread, in order; {@code onLine} should return quickly.
     */
    public static void start(long parentPid, boolean watchStdin, Runnable onGone, Consumer<String> onLine) {
        if (parentPid <= 0) {
            throw new IllegalArgumentException("a parent pid is a positive number, got " + parentPid);
        }
        java.util.Objects.requireNonNull(onLine, "onLine");
        ParentWatch watch = new ParentWatch(parentPid, onGone, onLine);
        daemon("streamlab-parent-watch", watch::poll);
        if (watchStdin) {
            daemon("streamlab-parent-stdin", watch::readStdin);
        }
    }

    /** True while {@code pid} is this process's parent. */
    public static boolean isParent(long pid) {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == pid;
    }

    private void poll() {
        try {
            while (isParent(parentPid)) {
                Thread.sleep(POLL.toMillis());
            }
            fire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readStdin() {
        try {
            // Not closed: closing System.in is not ours to do, and the pipe's end is what we wait for.
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    onLine.accept(line);
                } catch (RuntimeException e) {
                    // a request the handler could not act on must not stop the watch
                }
            }
        } catch (IOException e) {
            // a broken pipe is an end too
        }
        long until = System.nanoTime() + BURST.toNanos();
        try {
            while (System.nanoTime() < until) {
                if (!isParent(parentPid)) {
                    fire();
                    return;
                }
                Thread.sleep(BURST_STEP_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fire() {
        if (fired.compareAndSet(false, true)) {
            onGone.run();
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
