package dev.streamlab.cli;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.guarantees.ChaosJournal;
import dev.streamlab.kafka.guarantees.ChaosReport;
import dev.streamlab.kafka.guarantees.ChaosRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code chaos}: kills a learner's consume-process-produce program at random moments and checks its output.
 * Runs only from the command line: the web server never starts arbitrary commands.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Checks your consume-process-produce program (Python, Java, anything) by killing it.",
                "Writes orders to the input topic, starts COMMAND with STREAMLAB_BOOTSTRAP, STREAMLAB_INPUT and "
                        + "STREAMLAB_OUTPUT in its environment, SIGKILLs it (and its child processes) at random moments "
                        + "while it works, restarts it, then reads the output read_committed and reports lost and "
                        + "duplicated order ids.",
                "Example: streamlab chaos --input orders --output paid -- python3 labs/guarantees/transactional_worker.py"},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the output is exact", "1:the output is not exact",
                "2:bad usage, or the check could not run (one line on stderr)"})
public final class ChaosCommand implements Callable<Integer> {
    static final int NOT_EXACT = 1;
    static final int CANNOT_RUN = 2;

    @Option(names = "--input", required = true, paramLabel = "TOPIC", description = "topic chaos writes the orders to (created with 3 partitions)")
    String input;

    @Option(names = "--output", required = true, paramLabel = "TOPIC", description = "topic your program writes to")
    String output;

    @Option(names = "--kills", paramLabel = "N", defaultValue = "3", description = "how many times to kill the program (default ${DEFAULT-VALUE})")
    int kills;

    @Option(names = "--records", paramLabel = "N", defaultValue = "1000", description = "orders to write (default ${DEFAULT-VALUE})")
    int records;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "the Kafka cluster (default ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--upsert", description = "the output is a table: the latest value per customer must be the sum of "
            + "its amounts (a number, or an object with total, sum or amount)")
    boolean upsert;

    @Option(names = "--seed", paramLabel = "N", description = "seed for the orders and the kill moments (default: random, printed)")
    Long seed;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s", converter = DurationConverter.class,
            description = "give up waiting for the output after this long, e.g. 90s or 2m (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--quiet", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "the output is done when it has not grown for this long after the last restart (default ${DEFAULT-VALUE})")
    Duration quiet;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "your program and its arguments, after --")
    List<String> command = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long chosenSeed = seed != null ? seed : System.nanoTime() % 1_000_000;
        out.println("chaos: seed " + chosenSeed + " (repeat this run with --seed " + chosenSeed + ")");
        out.flush();
        KafkaClients clients = new KafkaClients(bootstrapServers, Map.of());
        ChaosRun.Settings settings = ChaosRun.Settings.of(clients, input, output,
                records, kills, upsert, chosenSeed, timeout, quiet, command);
        // The lab's /guarantees page shows the run as it goes: it reads this journal, it never runs anything.
        ChaosJournal journal = ChaosJournal.open(clients, input + "->" + output + "@" + System.currentTimeMillis());
        ChaosReport report;
        try {
            report = new ChaosRun(settings, line -> {
                out.println(line);
                out.flush();
                if (journal != null) {
                    journal.line(line);
                }
            }).run();
        } catch (ChaosRun.ChaosException e) {
            err.println("streamlab: chaos: " + e.getMessage());
            err.flush();
            if (journal != null) {
                journal.line("could not run: " + e.getMessage());
                journal.close();
            }
            return CANNOT_RUN;
        }
        report.lines().forEach(out::println);
        out.flush();
        if (journal != null) {
            journal.report(report);
            journal.close();
        }
        return report.exact() ? 0 : NOT_EXACT;
    }

    private void validate() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int separator = original.indexOf("--");
        if (command.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "missing the program to check: put it after --, e.g. "
                    + "chaos --input orders --output paid -- python3 worker.py");
        }
        if (separator < 0 || original.size() - separator - 1 != command.size()) {
            throw new ParameterException(spec.commandLine(), "put the program to check after --, e.g. -- "
                    + String.join(" ", command));
        }
        if (records < 1) {
            throw new ParameterException(spec.commandLine(), "--records must be at least 1, got " + records);
        }
        if (kills < 0) {
            throw new ParameterException(spec.commandLine(), "--kills must not be negative, got " + kills);
        }
        if (input.equals(output)) {
            throw new ParameterException(spec.commandLine(), "--input and --output must be different topics");
        }
        if (timeout.isZero() || quiet.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout and --quiet must be longer than zero");
        }
    }

    /** {@code 120s}, {@code 2m}, {@code 500ms} or a bare number of seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + value + "' is not a duration; write e.g. 90s, 2m or 500ms");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }
}
