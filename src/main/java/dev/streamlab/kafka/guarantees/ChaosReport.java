package dev.streamlab.kafka.guarantees;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a chaos run found: whether the output is exact, what is lost or duplicated, and the evidence that the
 * program really was killed (kills with their moments, aborted records and transaction markers in the output,
 * producer epochs). Plain data, so a page can show it as well as the command line.
 *
 * @param records        orders written to the input
 * @param outputRecords  records a read_committed consumer sees in the output
 * @param distinctIds    distinct order ids among them (in upsert mode: distinct customers)
 * @param lost           how many input ids are missing from the output (in upsert mode: customers missing)
 * @param lostSample     the first few of them
 * @param duplicated     how many ids appear more than once
 * @param extraCopies    copies beyond the first, summed over the duplicated ids
 * @param duplicatedSample the first few duplicated ids with their counts, e.g. {@code o-000042 x2}
 * @param unexpected     output records whose id (or key, in upsert mode) is not one chaos wrote, or unreadable
 * @param mismatches     upsert mode: customers whose latest value is not the sum of their amounts
 * @param kills          every SIGKILL chaos sent
 * @param exits          times the program ended by itself (it should run until killed)
 * @param abortedRecords records in the output that only read_uncommitted sees: written in aborted transactions
 * @param controlMarkers transaction markers (commit or abort) in the output
 * @param producers      producers that wrote to the output, with the highest epoch seen (a bump per restart of a
 *                       transactional producer)
 */
public record ChaosReport(String input, String output, int records, boolean upsert, boolean exact, int outputRecords,
                          int distinctIds, int lost, List<String> lostSample, int duplicated, int extraCopies,
                          List<String> duplicatedSample, int unexpected, List<Mismatch> mismatches, List<Kill> kills,
                          int exits, boolean timedOut, long durationMs, long abortedRecords, long controlMarkers,
                          List<Producer> producers) {

    public ChaosReport {
        lostSample = List.copyOf(lostSample);
        duplicatedSample = List.copyOf(duplicatedSample);
        mismatches = List.copyOf(mismatches);
        kills = List.copyOf(kills);
        producers = List.copyOf(producers);
    }

    /**
     * One SIGKILL.
     *
     * @param run             which start of the program (1 = the first)
     * @param atMs            milliseconds after chaos started the program the first time
     * @param pid             the program's process id
     * @param processes       processes killed (the program and its descendants)
     * @param outputOffsets   the output's end offsets (all partitions, uncommitted included) at that moment
     * @param whileWorking    whether the output had grown since this start (false: killed after waiting in vain)
     */
    public record Kill(int run, long atMs, long pid, int processes, long outputOffsets, boolean whileWorking) {
    }

    /** Upsert mode: a customer's expected total (sum of amounts) and the latest value found, in cents. */
    public record Mismatch(String customer, long expectedCents, Long actualCents) {
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
        lines.add(String.format(Locale.ROOT, "chaos report: %s -> %s, %d records, %d kills, %.1f s%s", input, output,
                records, kills.size(), durationMs / 1000.0, timedOut ? " (timed out waiting for the output to settle)" : ""));
        lines.add("  result: " + (exact ? "EXACT" : "NOT EXACT") + (upsert
                ? " (upsert: latest value per customer = sum of its amounts)"
                : " (every order_id exactly once)"));
        lines.add(String.format(Locale.ROOT, "  output: %d committed records, %d distinct %s", outputRecords, distinctIds,
                upsert ? "customers" : "order ids"));
        if (upsert) {
            lines.add("  customers missing: " + lost + sample(lostSample));
            lines.add("  wrong totals: " + mismatches.size() + (mismatches.isEmpty() ? "" : " (first: " + String.join(", ",
                    mismatches.stream().limit(5).map(m -> m.customer() + " expected " + cents(m.expectedCents()) + " got "
                            + (m.actualCents() == null ? "nothing readable" : cents(m.actualCents()))).toList()) + ")"));
        } else {
            lines.add("  lost: " + lost + sample(lostSample));
            lines.add("  duplicated: " + duplicated + " ids, " + extraCopies + " extra copies" + sample(duplicatedSample));
        }
        if (unexpected > 0) {
            lines.add("  unexpected or unreadable records: " + unexpected);
        }
        lines.add("  evidence:");
        for (Kill kill : kills) {
            lines.add(String.format(Locale.ROOT, "    kill %d at %.1f s: pid %d (%d process%s), output end offsets %d%s",
                    kill.run(), kill.atMs() / 1000.0, kill.pid(), kill.processes(), kill.processes() == 1 ? "" : "es",
                    kill.outputOffsets(), kill.whileWorking() ? "" : " (output had not grown: killed anyway)"));
        }
        if (exits > 0) {
            lines.add("    the program ended by itself " + exits + " time(s) and was restarted");
        }
        lines.add("    aborted records in the output: " + abortedRecords + ", transaction markers: " + controlMarkers);
        lines.add("    producers on the output: " + producers.size() + (producers.isEmpty() ? "" : ", highest epoch "
                + highestEpoch() + (highestEpoch() > 0 ? " (bumped: a restarted transactional producer fenced the killed one)" : "")));
        return lines;
    }

    private static String sample(List<String> ids) {
        return ids.isEmpty() ? "" : " (first: " + String.join(", ", ids) + ")";
    }

    private static String cents(long cents) {
        return String.format(Locale.ROOT, "%.2f", cents / 100.0);
    }
}
