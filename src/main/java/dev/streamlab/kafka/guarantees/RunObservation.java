package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.monitor.MemberState;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What chaos saw of one start of the program in its consumer group: when it first owned partitions of the input,
 * whether the killed member before it still sat in the group meanwhile, whether it came back as the same static
 * member, and when its group first committed again. Turns that into the run's lesson.
 */
final class RunObservation {
    /** Kafka's default session timeout in the Java client and librdkafka alike. */
    static final int DEFAULT_SESSION_TIMEOUT_MS = 45_000;
    /** A wait for partitions shorter than this is no rebalance to teach about. */
    private static final long NOTABLE_WAIT_MS = 3_000;

    /**
     * The kill a run follows: its number, when it landed, the group's committed offsets then, and the members that
     * owned the input's partitions at that moment (the ones that died).
     */
    record KillPoint(int kill, long atNanos, long consumed, List<MemberState> killedMembers) {
        KillPoint {
            killedMembers = List.copyOf(killedMembers);
        }

        Set<String> memberIds() {
            return killedMembers.stream().map(MemberState::memberId).collect(Collectors.toSet());
        }
    }

    private final ChaosProgram.Running running;
    private final long startedAtMs;
    private final long consumedAtStart;
    private final long outputBase;
    private final KillPoint after;
    private Long partitionsAtNanos;
    private MemberState owner;
    private String ownerGroup;
    private String lingeringGroup;
    private Long committedAtNanos;
    private Integer exitCode;
    private long ranMs;

    RunObservation(ChaosProgram.Running running, long startedAtMs, long consumedAtStart, long outputEndAtStart,
                   KillPoint after) {
        this.running = Objects.requireNonNull(running, "running");
        this.startedAtMs = startedAtMs;
        this.consumedAtStart = consumedAtStart;
        // A restarted transactional program first aborts its predecessor's open transaction, which writes one marker
        // per partition: that is not this run at work, so "the output moved" means more than that.
        this.outputBase = outputEndAtStart + 3;
        this.after = after;
    }

    ChaosProgram.Running running() {
        return running;
    }

    int run() {
        return running.run;
    }

    boolean ownsPartitions() {
        return partitionsAtNanos != null;
    }

    void exited(int code, long ranMs) {
        this.exitCode = code;
        this.ranMs = ranMs;
    }

    /** Takes in one poll of the group(s); returns a line for the terminal when the run's standing changed, else null. */
    String observe(GroupWatch.View view, String input, long nowNanos) {
        Set<String> killed = after == null ? Set.of() : after.memberIds();
        String news = null;
        for (GroupWatch.Group group : view.groups()) {
            if (partitionsAtNanos == null) {
                for (MemberState m : group.owners(input)) {
                    if (!killed.contains(m.memberId())) {
                        partitionsAtNanos = nowNanos;
                        owner = m;
                        ownerGroup = group.groupId();
                        news = after == null ? null : String.format(Locale.ROOT, "run %d owns partitions of %s after %.1f s",
                                run(), input, (nowNanos - running.startedNanos) / 1e9);
                        break;
                    }
                }
                if (partitionsAtNanos == null && lingeringGroup == null
                        && group.members().stream().anyMatch(m -> killed.contains(m.memberId()))) {
                    lingeringGroup = group.groupId();
                    news = "run " + run() + " waits for partitions: the killed member is still in group " + lingeringGroup
                            + " until its session times out";
                }
            }
        }
        if (committedAtNanos == null && view.consumed() > Math.max(consumedAtStart, after == null ? 0 : after.consumed())) {
            committedAtNanos = nowNanos;
        }
        return news;
    }

    /**
     * Working: the run owns partitions of the input (when the program has a group at all) and its committed
     * offsets or its output moved since it started.
     */
    boolean working(GroupWatch.View view, String input, long outputEnd) {
        boolean moved = view.consumed() > consumedAtStart || outputEnd > outputBase;
        return moved && (view.groups().isEmpty() || partitionsAtNanos != null);
    }

    /** Why this run is not done, as the group shows it now. */
    String holdUp(GroupWatch.View view, String input) {
        String consumed = "consumed " + view.consumed() + " of " + view.inputEnd();
        if (view.groups().isEmpty()) {
            return consumed + "; no consumer group owns partitions of " + input + " or commits offsets on it";
        }
        if (partitionsAtNanos == null && lingeringGroup != null) {
            return consumed + "; the killed member is still in group " + lingeringGroup + " (its session has not "
                    + "timed out) and run " + run() + " has no partitions";
        }
        if (partitionsAtNanos == null) {
            GroupWatch.Group group = view.groups().get(0);
            return consumed + "; run " + run() + " has no partitions of " + input + " (group " + group.groupId() + " is "
                    + group.state() + " with " + group.members().size() + " member(s))";
        }
        return consumed + "; run " + run() + " owns partitions but its group's committed offsets stopped there";
    }

    /** The run as the report tells it. */
    ChaosReport.Run lesson(String input) {
        Long partitionsAfter = partitionsAtNanos == null ? null
                : TimeUnit.NANOSECONDS.toMillis(partitionsAtNanos - running.startedNanos);
        Long killToCommit = after == null || committedAtNanos == null ? null
                : TimeUnit.NANOSECONDS.toMillis(committedAtNanos - after.atNanos());
        return new ChaosReport.Run(run(), startedAtMs, partitionsAfter, killToCommit, sentence(input, partitionsAfter));
    }

    private String sentence(String input, Long partitionsAfter) {
        String ended = exitCode == null ? "" : String.format(Locale.ROOT, "; it ended by itself (exit %d) after %.1f s",
                exitCode, ranMs / 1000.0);
        if (after == null) {
            return "run " + run() + (partitionsAfter == null ? " owned no partitions of " + input
                    : " got its partitions in " + seconds(partitionsAfter) + (ownerGroup == null ? "" : " (group " + ownerGroup + ")"))
                    + ended;
        }
        String instance = after.killedMembers().stream().map(MemberState::groupInstanceId).filter(Objects::nonNull)
                .findFirst().orElse(null);
        if (partitionsAfter == null) {
            return "run " + run() + " never got partitions of " + input + (lingeringGroup == null ? ""
                    : ": the killed member stayed in group " + lingeringGroup + " and its session had not timed out")
                    + ended;
        }
        if (owner != null && instance != null && instance.equals(owner.groupInstanceId())) {
            return "run " + run() + " got its partitions back in " + seconds(partitionsAfter) + ": static member "
                    + instance + " rejoined in the killed one's place" + ended;
        }
        if (lingeringGroup != null && partitionsAfter >= NOTABLE_WAIT_MS) {
            return "run " + run() + " had no partitions for " + seconds(partitionsAfter) + ": the killed member stayed "
                    + "in group " + lingeringGroup + " until its session timed out (session.timeout.ms, "
                    + DEFAULT_SESSION_TIMEOUT_MS + " by default). Static membership (group.instance.id) with a shorter "
                    + "session.timeout.ms gets the partitions back at once." + ended;
        }
        return "run " + run() + " got its partitions in " + seconds(partitionsAfter) + " (group " + ownerGroup + ")" + ended;
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
