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
 * {@code chaos}: kills a learner's consume-process-produce program while it works and judges its output as {@code
 * validate advanced} does. Runs only from the command line: the web server never starts arbitrary commands.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Checks your consume-process-produce program (Python, Java, anything) by killing it.",
                "Writes orders to the input topic, starts COMMAND with STREAMLAB_BOOTSTRAP, STREAMLAB_INPUT, "
                        + "STREAMLAB_OUTPUT and STREAMLAB_RUN in its environment, and SIGKILLs it (and its child "
                        + "processes) only while it works: once its consumer group gave the run partitions and its "
                        + "offsets or output moved. After a kill -9 the dead member stays in the group until its session "
                        + "times out (session.timeout.ms, 45 s by default), so a restart may wait that long for "
                        + "partitions; the report says how long each run waited and why. When the group has committed "
                        + "the whole input and the output is quiet, chaos reads the output read_committed and judges "
                        + "it as 'validate advanced' does.",
                "Example: streamlab chaos --input orders --output paid -- python3 labs/guarantees/transactional_worker.py"},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the output is exact", "1:the output is not exact",
                "2:bad usage, the check could not run, or the program kept crashing at start (on stderr)",
                "3:unfinished: the program had not consumed its input by --timeout or --work-wait"})
public final class ChaosCommand implements Callable<Integer> {
    static final int NOT_EXACT = 1;
    static final int CANNOT_RUN = 2;
    static final int UNFINISHED = 3;

    @Option(names = "--input", required = true, paramLabel = "TOPIC", description = "topic chaos writes the orders to (created with 3 partitions)")
    String input;

    @Option(names = "--output", required = true, paramLabel = "TOPIC", description = "topic your program writes to")
    String output;

    @Option(names = "--kills", paramLabel = "N", defaultValue = "3", description = "how many times to kill the program (default ${DEFAULT-VALUE})")
    int kills;

    @Option(names = "--records", paramLabel = "N", defaultValue = "1000", description = "orders to write (default ${DEFAULT-VALUE})")
    int records;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "${STREAMLAB_BOOTSTRAP:-127.0.0.1:9092}",
            description = "the Kafka cluster (default ${DEFAULT-VALUE}; env STREAMLAB_BOOTSTRAP, as the lab's pages export it)")
    String bootstrapServers;

    @Option(names = "--upsert", description = "the output is a table: the latest value per customer must be the sum of "
            + "its amounts (a number, or an object with total, sum or amount)")
    boolean upsert;

    @Option(names = "--seed", paramLabel = "N", description = "seed for the orders and the kill moments (default: random, printed)")
    Long seed;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "the whole run ends after this long, unfinished if the input is not consumed by then; "
                    + "the default leaves room for a 45 s session timeout after each of 3 kills (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--work-wait", paramLabel = "DURATION", defaultValue = "90s", converter = DurationConverter.class,
            description = "how long a restarted run may take to get partitions and make progress before chaos stops "
                    + "as unfinished; longer than a 45 s session timeout (default ${DEFAULT-VALUE})")
    Duration workWait;

    @Option(names = "--kill-on", paramLabel = "REGEX", description = "kill when the working program prints a line "
            + "matching REGEX (e.g. a line it prints after producing and before committing), instead of a random moment")
    String killOn;

    @Option(names = {"-v", "--verbose"}, description = "also print the Kafka clients' own logs")
    boolean verbose;

    @Option(names = "--quiet", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "the output is done when it has not grown for this long after the last restart (default ${DEFAULT-VALUE})")
    Duration quiet;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "your program and its arguments, after --")
    List<String> command = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Logging.configure(verbose);
        Pattern killPattern = validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long chosenSeed = seed != null ? seed : System.nanoTime() % 1_000_000;
        out.println("chaos: seed " + chosenSeed + " (repeat this run with --seed " + chosenSeed + ")");
        out.flush();
        KafkaClients clients = new KafkaClients(bootstrapServers, Map.of());
        ChaosRun.Settings settings = new ChaosRun.Settings(clients, input, output, records, kills, upsert, chosenSeed,
                timeout, quiet, workWait, Duration.ofMillis(300), killPattern, command);
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
            List<String> tail = e instanceof ChaosRun.ProgramCrashed crashed ? crashed.stderrTail() : List.of();
            tail.forEach(line -> err.println("  | " + line));
            if (e instanceof ChaosRun.ProgramCrashed && tail.isEmpty()) {
                err.println("  (nothing on stderr)");
            }
            err.flush();
            if (journal != null) {
                journal.line("could not run: " + e.getMessage());
                tail.forEach(line -> journal.line("  | " + line));
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
        return switch (report.outcome()) {
            case ChaosReport.EXACT -> 0;
            case ChaosReport.UNFINISHED -> UNFINISHED;
            default -> NOT_EXACT;
        };
    }

    private Pattern validate() {
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
        if (timeout.isZero() || quiet.isZero() || workWait.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout, --quiet and --work-wait must be longer than zero");
        }
        if (killOn == null) {
            return null;
        }
        try {
            return Pattern.compile(killOn);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--kill-on '" + killOn + "' is not a regular expression: "
                    + e.getDescription());
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
