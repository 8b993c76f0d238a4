package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.process.Watchdog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The learner's program under chaos: started with the broker and topics in its environment ({@code
 * STREAMLAB_BOOTSTRAP}, {@code STREAMLAB_INPUT}, {@code STREAMLAB_OUTPUT}, and {@code STREAMLAB_RUN}, 1 for the
 * first start), its output passed on prefixed {@code [run N]}, the last lines of its stderr kept for when it
 * crashes, and SIGKILLed with all its descendants.
 * <p>
 * The program is not our code, so it cannot watch its parent as the lab's workers do: a {@link Watchdog} beside it
 * ends it (and its children) if chaos itself is killed.
 */
final class ChaosProgram implements AutoCloseable {
    static final int STDERR_TAIL = 20;

    private final List<String> command;
    private final KafkaClients clients;
    private final String input;
    private final String output;
    private final Pattern killOn;
    private final Consumer<String> out;
    private final Watchdog watchdog;

    /**
     * {@code killOn} is null, or a pattern: the program's first line matching it in a run says the run is at the
     * point to kill it (e.g. it has produced a batch and not committed it yet).
     */
    ChaosProgram(List<String> command, KafkaClients clients, String input, String output, Pattern killOn,
                 Consumer<String> out) {
        this.command = List.copyOf(command);
        this.clients = clients;
        this.input = input;
        this.output = output;
        this.killOn = killOn;
        this.out = out;
        this.watchdog = startWatchdog();
    }

    String commandLine() {
        return String.join(" ", command);
    }

    /** Starts run number {@code run}. */
    Running start(int run) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("STREAMLAB_BOOTSTRAP", clients.bootstrapServers());
        builder.environment().put("STREAMLAB_INPUT", input);
        builder.environment().put("STREAMLAB_OUTPUT", output);
        builder.environment().put("STREAMLAB_RUN", String.valueOf(run));
        builder.environment().put("PYTHONUNBUFFERED", "1");
        try {
            Process process = builder.start();
            if (watchdog != null) {
                watchdog.watch(process.toHandle());
            }
            process.getOutputStream().close();
            Running running = new Running(run, process);
            running.pump(process.getInputStream(), false);
            running.stderrPump = running.pump(process.getErrorStream(), true);
            return running;
        } catch (IOException e) {
            throw new ChaosRun.ChaosException("cannot start " + commandLine() + ": " + e.getMessage(), e);
        }
    }

    /** The watchdog, or null (and a line saying so) when it cannot start: the check itself does not need it. */
    private Watchdog startWatchdog() {
        try {
            return Watchdog.start(WorkerSupervisor.ownClasspath());
        } catch (IOException e) {
            out.accept("chaos: no watchdog (" + e.getMessage() + "); if chaos is killed, end your program by hand");
            return null;
        }
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.close();
        }
    }

    /** One start of the program. */
    final class Running {
        final int run;
        final Process process;
        final long startedNanos = System.nanoTime();
        private final Deque<String> stderrTail = new ArrayDeque<>();
        private final CountDownLatch signal = new CountDownLatch(1);
        private Thread stderrPump;

        private Running(int run, Process process) {
            this.run = run;
            this.process = process;
        }

        boolean alive() {
            return process.isAlive();
        }

        /**
         * Whether the program has printed a line matching {@code --kill-on} since it started, waiting up to
         * {@code wait} for one.
         */
        boolean signalled(java.time.Duration wait) throws InterruptedException {
            return signal.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The last {@value #STDERR_TAIL} lines the program wrote to stderr (all of them, once it has ended). */
        List<String> stderrTail() throws InterruptedException {
            if (!process.isAlive()) {
                stderrPump.join(2_000);
            }
            synchronized (stderrTail) {
                return List.copyOf(stderrTail);
            }
        }

        /** SIGKILL to the program and everything it started; returns how many processes that was. */
        int kill() throws InterruptedException {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle handle : descendants) {
                handle.onExit().completeOnTimeout(handle, 10, TimeUnit.SECONDS).join();
            }
            return 1 + descendants.size();
        }

        private Thread pump(InputStream stream, boolean stderr) {
            String prefix = "[run " + run + "] ";
            Thread thread = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        out.accept(prefix + line);
                        if (stderr) {
                            synchronized (stderrTail) {
                                stderrTail.addLast(line);
                                if (stderrTail.size() > STDERR_TAIL) {
                                    stderrTail.removeFirst();
                                }
                            }
                        }
                        if (killOn != null && killOn.matcher(line).find()) {
                            signal.countDown();
                        }
                    }
                } catch (IOException ignored) {
                    // the process was killed; its pipes are gone
                }
            }, "chaos-output-" + run);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }
    }
}
