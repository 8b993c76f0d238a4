package dev.streamlab.kafka.guarantees;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a chaos run found, as the command line prints it and the lab's page shows it: the outcome ({@value #EXACT},
 * {@value #NOT_EXACT} in the judge's words, or {@value #UNFINISHED} when the program had not consumed its input in
 * time), what each restart of the program went through in the consumer group, and the evidence that it really was
 * killed (kill moments, aborted records and markers in the output, producer epochs).
 *
 * @param consumed       records of the input the program's group committed offsets for, at the end
 * @param inputRecords   records chaos wrote to the input
 * @param problem        the judge's first broken rule (see {@link OutputCheck.Judgement}), null when exact or unfinished
 * @param evidence       the judge's lines, or for an unfinished run what held it up
 * @param outputRecords  records a read_committed consumer sees in the output
 * @param lost           orders missing from the output (upsert mode: 0; the evidence names wrong customers)
 * @param duplicated     orders in the output more than once
 * @param exits          times the program ended by itself (it should run until killed)
 */
public record ChaosReport(String input, String output, int inputRecords, boolean upsert, String outcome, boolean exact,
                          String problem, List<String> evidence, long consumed, int outputRecords, int lost,
                          int duplicated, List<Kill> kills, List<Run> runs, int exits, long durationMs,
                          long abortedRecords, long controlMarkers, List<Producer> producers) {
    public static final String EXACT = "EXACT";
    public static final String NOT_EXACT = "NOT EXACT";
    public static final String UNFINISHED = "UNFINISHED";

    public ChaosReport {
        if (!List.of(EXACT, NOT_EXACT, UNFINISHED).contains(outcome)) {
            throw new IllegalArgumentException("unknown outcome " + outcome);
        }
        if (exact != outcome.equals(EXACT)) {
            throw new IllegalArgumentException("exact must say whether the outcome is " + EXACT);
        }
        evidence = List.copyOf(evidence);
        kills = List.copyOf(kills);
        runs = List.copyOf(runs);
        producers = List.copyOf(producers);
    }

    /**
     * One SIGKILL.
     *
     * @param run           which start of the program was killed (1 = the first)
     * @param atMs          milliseconds after chaos started the program the first time
     * @param pid           the program's process id
     * @param processes     processes killed (the program and its descendants)
     * @param outputOffsets the output's end offsets (all partitions, uncommitted included) at that moment
     */
    public record Kill(int run, long atMs, long pid, int processes, long outputOffsets) {
    }

    /**
     * One start of the program and what the group did with it.
     *
     * @param partitionsAfterMs  from its start until it owned partitions of the input; null if it never did
     * @param killToCommitMs     from the kill before it until its group first committed offsets again; null for the
     *                           first run, one that followed an exit, or one that committed nothing
     * @param lesson             what happened, in a sentence (e.g. why it waited for partitions)
     */
    public record Run(int run, long startedAtMs, Long partitionsAfterMs, Long killToCommitMs, String lesson) {
        public Run {
            Objects.requireNonNull(lesson, "lesson");
        }
    }

    /** A producer that wrote to the output, as {@code Admin.describeProducers} shows it. */
    public record Producer(long producerId, int epoch, int partitions) {
    }

    /** Highest producer epoch seen on the output; above zero means a transactional producer was re-initialized. */
    public int highestEpoch() {
        return producers.stream().mapToInt(Producer::epoch).max().orElse(-1);
    }

    /** The report as the command line prints it. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "chaos report: %s -> %s, %d records, %d kills, %.1f s", input, output,
                inputRecords, kills.size(), durationMs / 1000.0));
        lines.add("  result: " + switch (outcome) {
            case EXACT -> EXACT + (upsert ? " (upsert: latest value per customer = sum of its amounts)"
                    : " (every order once, latest totals right)");
            case UNFINISHED -> UNFINISHED + ": consumed " + consumed + " of " + inputRecords;
            default -> NOT_EXACT + ": " + problem;
        });
        evidence.forEach(e -> lines.add("    " + e));
        if (!outcome.equals(UNFINISHED)) {
            lines.add("  output: " + outputRecords + " committed records" + (upsert ? ""
                    : "; lost: " + lost + ", duplicated: " + duplicated));
        }
        if (!runs.isEmpty()) {
            lines.add("  the program in its group:");
            runs.forEach(r -> lines.add("    " + r.lesson()));
            for (Run r : runs) {
                if (r.killToCommitMs() != null) {
                    lines.add(String.format(Locale.ROOT, "    kill %d -> first committed output of run %d: %.1f s",
                            killBefore(r), r.run(), r.killToCommitMs() / 1000.0));
                }
            }
        }
        lines.add("  evidence of the kills:");
        for (int i = 0; i < kills.size(); i++) {
            Kill kill = kills.get(i);
            lines.add(String.format(Locale.ROOT, "    kill %d at %.1f s: run %d, pid %d (%d process%s), output end offsets %d",
                    i + 1, kill.atMs() / 1000.0, kill.run(), kill.pid(), kill.processes(),
                    kill.processes() == 1 ? "" : "es", kill.outputOffsets()));
        }
        if (exits > 0) {
            lines.add("    the program ended by itself " + exits + " time(s) and was restarted");
        }
        lines.add("    aborted records in the output: " + abortedRecords + ", transaction markers: " + controlMarkers);
        lines.add("    producers on the output: " + producers.size() + (producers.isEmpty() ? "" : ", highest epoch "
                + highestEpoch() + (highestEpoch() > 0 ? " (bumped at each init_transactions and, under transaction "
                + "protocol v2, at each commit)" : "")));
        return lines;
    }

    private int killBefore(Run run) {
        for (int i = 0; i < kills.size(); i++) {
            if (kills.get(i).run() == run.run() - 1) {
                return i + 1;
            }
        }
        return 0;
    }
}
