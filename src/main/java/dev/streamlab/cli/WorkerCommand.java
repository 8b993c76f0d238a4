package dev.streamlab.cli;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.guarantees.Worker;
import dev.streamlab.process.ParentWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code worker}: one consume-process-produce pipeline of chapter 4 (orders in, running totals per customer out)
 * with the delivery guarantee of {@code --mode}. Prints one line per batch; stops cleanly on SIGTERM, and at once
 * when the process named by {@code --parent-pid} (the lab) ends, however it ended. With {@code --parent-pid}, the
 * lines the lab writes on its stdin are requests ({@link Worker#HOLD}: wait at the next in-batch point to be killed).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs a consume-process-produce worker: orders from --input, one running total per order to "
                + "--output, offsets committed as --mode says.",
                "Prints 'processed N (total T)' after each committed batch. SIGTERM finishes the batch and stops."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped", "1:a Kafka error (a fenced exactly-once worker included)", "2:bad usage",
                "3:the process given by --parent-pid ended"})
public final class WorkerCommand implements Callable<Integer> {
    static final int PARENT_GONE = 3;

    @Option(names = "--mode", required = true, paramLabel = "MODE",
            description = "at-most-once, at-least-once or exactly-once")
    String mode;

    @Option(names = "--input", required = true, paramLabel = "TOPIC", description = "the orders topic")
    String input;

    @Option(names = "--output", required = true, paramLabel = "TOPIC", description = "the running-totals topic")
    String output;

    @Option(names = "--group", required = true, paramLabel = "GROUP", description = "the consumer group for offsets")
    String group;

    @Option(names = "--bootstrap-servers", defaultValue = "${STREAMLAB_BOOTSTRAP:-127.0.0.1:9092}", paramLabel = "HOST:PORT",
            description = "Kafka to connect to (default: ${DEFAULT-VALUE}; env STREAMLAB_BOOTSTRAP)")
    String bootstrapServers;

    @Option(names = "--transactional-id", paramLabel = "ID",
            description = "exactly-once: the transactional id (default: streamlab-worker-GROUP)")
    String transactionalId;

    @Option(names = "--commit-interval-ms", defaultValue = "100", paramLabel = "MS",
            description = "a batch is what arrives within this time, then it is committed (default: ${DEFAULT-VALUE})")
    long commitIntervalMs;

    @Option(names = "--batch", defaultValue = "100", paramLabel = "N",
            description = "at most N records per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--record-delay-ms", defaultValue = "0", paramLabel = "MS",
            description = "simulated processing time per record, so a kill lands mid-batch (default: ${DEFAULT-VALUE})")
    long recordDelayMs;

    @Option(names = "--parent-pid", paramLabel = "PID",
            description = "the process that started this worker (the lab passes its own pid): when it ends, by any "
                    + "signal, the worker ends at once with exit code 3")
    Long parentPid;

    @Option(names = "--verbose", description = "show Kafka's own log")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Worker.Settings settings;
        try {
            settings = new Worker.Settings(Worker.Mode.fromFlag(mode), input, output, group, transactionalId,
                    commitIntervalMs, batch, recordDelayMs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (parentPid != null && parentPid <= 0) {
            throw new ParameterException(spec.commandLine(), "--parent-pid must be a process id, got " + parentPid);
        }
        Logging.configure(verbose);
        PrintWriter out = spec.commandLine().getOut();
        Worker worker = new Worker(new KafkaClients(bootstrapServers, Map.of()), settings, line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        });
        if (parentPid != null) {
            PrintWriter err = spec.commandLine().getErr();
            ParentWatch.start(parentPid, true, () -> {
                err.println("streamlab worker: the process that started it (pid " + parentPid + ") has ended; stopping now");
                err.flush();
                // halt, not exit: the shutdown hook's clean stop would wait up to 30 s for a broker that may have
                // died with the lab. A worker is built to be killed mid-batch; this is one more such kill.
                Runtime.getRuntime().halt(PARENT_GONE);
            }, worker::request); // the lab's requests (a hold at the next in-batch point) come on the same pipe
        }
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            try {
                if (!worker.stop(Duration.ofSeconds(30))) {
                    main.interrupt();
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "streamlab-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            worker.run();
            return 0;
        } catch (RuntimeException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("streamlab worker: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
