package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.monitor.MemberState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Checks anyone's consume-process-produce program by killing it: writes orders to the input in {@code kills + 1}
 * portions (one before each start, so every run has work in hand), starts the program, and SIGKILLs it only while it
 * works: once the run owns partitions of the input and its committed offsets or output moved. It settles when the
 * program's group has committed offsets up to the input's end and the output is quiet, then hands the committed
 * output to the one judge ({@link OutputCheck}). Running out of time before the input was consumed is
 * {@link ChaosReport#UNFINISHED}, never a loss. Every restart is reported with what the group did: how long the run
 * waited for partitions, and why.
 */
public final class ChaosRun {
    private static final int CUSTOMERS = 5;
    private static final Duration TICK = GroupWatch.INTERVAL;
    /** A run that ends within this long of its start is a crash at start, not a program that finished. */
    static final Duration QUICK_EXIT = Duration.ofSeconds(10);
    static final int QUICK_EXITS_TO_STOP = 5;

    /**
     * What to run and how hard to shake it.
     *
     * @param quiet        the output must not grow for this long before chaos reads it
     * @param workWait     how long a run may take to own partitions and move before chaos stops as unfinished
     * @param maxKillDelay without {@code killOn}, a kill comes a random time below this once a run works
     * @param killOn       null, or a pattern: a kill lands as soon as a run prints a line matching it
     */
    public record Settings(KafkaClients clients, String input, String output, int records, int kills, boolean upsert,
                           long seed, Duration timeout, Duration quiet, Duration workWait, Duration maxKillDelay,
                           Pattern killOn, List<String> command) {
        public Settings {
            Objects.requireNonNull(clients, "clients");
            if (records < 1) {
                throw new IllegalArgumentException("--records must be at least 1, got " + records);
            }
            if (kills < 0) {
                throw new IllegalArgumentException("--kills must not be negative, got " + kills);
            }
            if (input.equals(output)) {
                throw new IllegalArgumentException("--input and --output must be different topics");
            }
            if (command.isEmpty()) {
                throw new IllegalArgumentException("no program to run");
            }
            command = List.copyOf(command);
        }
    }

    /** Chaos could not run the check at all (broker unreachable, topics already used, program cannot start). */
    public static class ChaosException extends RuntimeException {
        public ChaosException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The program kept ending by itself right after it started: its exit code and the end of its stderr. */
    public static final class ProgramCrashed extends ChaosException {
        private final List<String> stderrTail;

        ProgramCrashed(String message, List<String> stderrTail) {
            super(message, null);
            this.stderrTail = List.copyOf(stderrTail);
        }

        public List<String> stderrTail() {
            return stderrTail;
        }
    }

    private final Settings settings;
    private final Consumer<String> out;
    private final Random random;
    private final List<ChaosReport.Kill> kills = new ArrayList<>();
    private final List<RunObservation> runs = new ArrayList<>();
    private long startNanos;
    private int exits;
    private int quickExits;

    /** {@code out} gets chaos's progress lines and the program's own output, prefixed; it may be called from several threads. */
    public ChaosRun(Settings settings, Consumer<String> out) {
        this.settings = settings;
        Object lock = new Object();
        this.out = line -> {
            synchronized (lock) {
                out.accept(line);
            }
        };
        this.random = new Random(settings.seed());
    }

    public ChaosReport run() throws InterruptedException {
        List<Order> orders = Orders.generate(settings.records(), CUSTOMERS, settings.seed());
        List<List<Order>> portions = portions(orders, settings.kills() + 1);
        int written = 0;
        try (ChaosTopics topics = new ChaosTopics(settings.clients(), settings.input(), settings.output());
             GroupWatch groups = new GroupWatch(settings.clients(), settings.input());
             ChaosProgram program = new ChaosProgram(settings.command(), settings.clients(), settings.input(),
                     settings.output(), settings.killOn(), out)) {
            topics.prepare();
            topics.write(portions.get(0));
            written += portions.get(0).size();
            out.accept("chaos: wrote " + written + " of " + orders.size() + " orders to " + settings.input()
                    + "; starting: " + program.commandLine());
            startNanos = System.nanoTime();
            long deadline = startNanos + settings.timeout().toNanos();
            RunObservation current = start(program, groups, topics, null);
            String unfinished = null;
            try {
                while (kills.size() < settings.kills() && unfinished == null) {
                    Step step = awaitWorking(current, groups, topics, deadline);
                    if (step == Step.EXITED) {
                        current = restartAfterExit(program, groups, topics, current);
                    } else if (step == Step.WORKING) {
                        if (settings.killOn() == null) {
                            Thread.sleep(random.nextInt((int) Math.max(1, settings.maxKillDelay().toMillis())));
                        }
                        RunObservation.KillPoint point = kill(current, groups, topics);
                        List<Order> next = portions.get(kills.size());
                        topics.write(next);
                        written += next.size();
                        out.accept("chaos: wrote " + next.size() + " more orders; restarting");
                        current = start(program, groups, topics, point);
                    } else {
                        unfinished = whatHeldItUp(current, groups.view(), step == Step.OUT_OF_TIME
                                ? "out of time (--timeout " + seconds(settings.timeout()) + ")"
                                : "run " + current.run() + (settings.killOn() == null ? " did not start working"
                                : " printed no line matching --kill-on " + settings.killOn().pattern())
                                + " within " + seconds(settings.workWait()) + " (--work-wait)");
                    }
                }
                if (unfinished == null) {
                    unfinished = settle(program, groups, topics, current, deadline);
                }
            } finally {
                if (runs.get(runs.size() - 1).running().alive()) {
                    runs.get(runs.size() - 1).running().kill();
                }
            }
            return report(topics, groups.view(), orders.subList(0, written), unfinished);
        } catch (ExecutionException e) {
            throw new ChaosException("cannot talk to Kafka at " + settings.clients().bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
            throw new ChaosException("cannot talk to Kafka at " + settings.clients().bootstrapServers() + ": "
                    + e.getMessage(), e);
        }
    }

    static <T> List<List<T>> portions(List<T> all, int count) {
        List<List<T>> portions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            portions.add(all.subList(all.size() * i / count, all.size() * (i + 1) / count));
        }
        return portions;
    }

    private enum Step { WORKING, EXITED, NOT_WORKING, OUT_OF_TIME }

    private RunObservation start(ChaosProgram program, GroupWatch groups, ChaosTopics topics,
                                 RunObservation.KillPoint after) throws ExecutionException, InterruptedException {
        int number = runs.size() + 1;
        GroupWatch.View view = groups.view();
        RunObservation run = new RunObservation(program.start(number), millisSinceStart(), view.consumed(),
                topics.outputEnd(), after);
        runs.add(run);
        return run;
    }

    /**
     * Waits until the run works: it owns partitions and its offsets or output moved, or, with --kill-on, it printed
     * its signal line. Observes the group all the while.
     */
    private Step awaitWorking(RunObservation run, GroupWatch groups, ChaosTopics topics, long deadline)
            throws ExecutionException, InterruptedException {
        long giveUp = Math.min(deadline, System.nanoTime() + settings.workWait().toNanos());
        while (true) {
            GroupWatch.View view = groups.view();
            say(run.observe(view, settings.input(), System.nanoTime()));
            if (!run.running().alive()) {
                return Step.EXITED;
            }
            if (settings.killOn() == null && run.working(view, settings.input(), topics.outputEnd())) {
                return Step.WORKING;
            }
            if (System.nanoTime() >= giveUp) {
                return System.nanoTime() >= deadline ? Step.OUT_OF_TIME : Step.NOT_WORKING;
            }
            if (settings.killOn() == null) {
                Thread.sleep(TICK.toMillis());
            } else if (run.running().signalled(TICK) && (view.groups().isEmpty() || run.ownsPartitions())) {
                // The program holds at its signal; the group's view of it may lag a poll behind, so the report can
                // still say when this run got its partitions.
                return Step.WORKING;
            }
        }
    }

    private RunObservation.KillPoint kill(RunObservation run, GroupWatch groups, ChaosTopics topics)
            throws ExecutionException, InterruptedException {
        long at = millisSinceStart();
        long offsets = topics.outputEnd();
        List<MemberState> owners = groups.view().groups().stream()
                .flatMap(g -> g.owners(settings.input()).stream()).toList();
        int killed = run.running().kill();
        long killedNanos = System.nanoTime();
        // The killed run's last commit may not have been in the latest poll: it is the killed run's, not the next one's.
        GroupWatch.View view = groups.freshView();
        run.observe(view, settings.input(), System.nanoTime());
        kills.add(new ChaosReport.Kill(run.run(), at, run.running().process.pid(), killed, offsets));
        out.accept(String.format(Locale.ROOT, "chaos: kill %d at %.1f s (run %d, pid %d, %d process%s, output end offsets %d)",
                kills.size(), at / 1000.0, run.run(), run.running().process.pid(), killed, killed == 1 ? "" : "es", offsets));
        quickExits = 0;
        return new RunObservation.KillPoint(kills.size(), killedNanos, view.consumed(), owners);
    }

    /** A run ended by itself: restart it after a backoff, or stop when it keeps crashing at start. */
    private RunObservation restartAfterExit(ChaosProgram program, GroupWatch groups, ChaosTopics topics,
                                            RunObservation run) throws ExecutionException, InterruptedException {
        exits++;
        int code = run.running().process.exitValue();
        long ranMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - run.running().startedNanos);
        quickExits = ranMs < QUICK_EXIT.toMillis() ? quickExits + 1 : 0;
        run.exited(code, ranMs);
        if (quickExits >= QUICK_EXITS_TO_STOP) {
            throw new ProgramCrashed("your program ended by itself " + quickExits + " times in a row within "
                    + seconds(QUICK_EXIT) + " of starting (last exit code " + code + "); it should run until it is "
                    + "killed. The last lines it wrote to stderr:", run.running().stderrTail());
        }
        long backoffMs = 500L << Math.max(0, Math.min(3, quickExits - 1));
        out.accept(String.format(Locale.ROOT, "chaos: run %d ended by itself (exit %d after %.1f s); restarting in %.1f s",
                run.run(), code, ranMs / 1000.0, backoffMs / 1000.0));
        Thread.sleep(backoffMs);
        return start(program, groups, topics, null);
    }

    /**
     * After the last kill: waits until the group committed up to the input's end and the output is quiet (or, for
     * a program without a group, until the output is quiet). Returns what held the program up, or null.
     */
    private String settle(ChaosProgram program, GroupWatch groups, ChaosTopics topics, RunObservation run,
                          long deadline) throws ExecutionException, InterruptedException {
        long lastEnd = topics.outputEnd();
        long lastChange = System.nanoTime();
        while (true) {
            GroupWatch.View view = groups.view();
            say(run.observe(view, settings.input(), System.nanoTime()));
            if (!run.running().alive()) {
                run = restartAfterExit(program, groups, topics, run);
                continue;
            }
            long end = topics.outputEnd();
            if (end != lastEnd) {
                lastEnd = end;
                lastChange = System.nanoTime();
            }
            boolean quiet = System.nanoTime() - lastChange >= settings.quiet().toNanos();
            boolean consumed = view.groups().isEmpty() || view.consumed() >= view.inputEnd() && view.inputEnd() > 0;
            if (quiet && consumed) {
                out.accept("chaos: " + (view.groups().isEmpty() ? "the output has been quiet for " + seconds(settings.quiet())
                        + " (no consumer group commits on " + settings.input() + ")"
                        : "the group committed all " + view.inputEnd() + " records of " + settings.input()
                        + " and the output is quiet") + "; reading it read_committed");
                return null;
            }
            if (System.nanoTime() >= deadline) {
                return whatHeldItUp(run, view, "out of time (--timeout " + seconds(settings.timeout()) + ")");
            }
            Thread.sleep(TICK.toMillis());
        }
    }

    private String whatHeldItUp(RunObservation run, GroupWatch.View view, String why) {
        return why + ": " + run.holdUp(view, settings.input());
    }

    private ChaosReport report(ChaosTopics topics, GroupWatch.View view, List<Order> orders, String unfinished)
            throws ExecutionException, InterruptedException {
        List<ChaosReport.Run> lessons = runs.stream().map(r -> r.lesson(settings.input())).toList();
        OutputCheck.Evidence evidence = topics.evidence();
        List<ChaosReport.Producer> producers = topics.producers();
        if (unfinished != null) {
            return new ChaosReport(settings.input(), settings.output(), orders.size(), settings.upsert(),
                    ChaosReport.UNFINISHED, false, null, List.of(unfinished), view.consumed(),
                    (int) evidence.recordsCommitted(), 0, 0, kills, lessons, exits, millisSinceStart(),
                    evidence.abortedRecords(), evidence.controlMarkers(), producers);
        }
        List<OutputCheck.Written> committed = topics.committedOutput();
        OutputCheck.Judgement judgement = settings.upsert()
                ? OutputCheck.judgeUpsert(settings.input(), settings.output(), orders, committed)
                : OutputCheck.judge(settings.input(), settings.output(), orders, committed);
        OutputCheck.Result result = judgement.result();
        return new ChaosReport(settings.input(), settings.output(), orders.size(), settings.upsert(),
                judgement.exact() ? ChaosReport.EXACT : ChaosReport.NOT_EXACT, judgement.exact(), judgement.problem(),
                judgement.evidence(), view.consumed(), committed.size(), result == null ? 0 : result.lost().size(),
                result == null ? 0 : result.duplicated().size(), kills, lessons, exits, millisSinceStart(),
                evidence.abortedRecords(), evidence.controlMarkers(), producers);
    }

    private void say(String news) {
        if (news != null) {
            out.accept("chaos: " + news);
        }
    }

    private long millisSinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
