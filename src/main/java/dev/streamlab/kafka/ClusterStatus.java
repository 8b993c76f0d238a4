package dev.streamlab.kafka;

import java.util.Objects;
import java.util.Optional;

/** What the lab last saw of the cluster: reachable with its id and broker count, or unreachable with the reason. */
public record ClusterStatus(boolean reachable, Optional<String> clusterId, int brokers, Optional<String> problem) {
    public ClusterStatus {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(problem, "problem");
        if (reachable == problem.isPresent()) {
            throw new IllegalArgumentException("a reachable cluster has no problem, an unreachable one has one");
        }
    }

    public static ClusterStatus up(String clusterId, int brokers) {
        return new ClusterStatus(true, Optional.of(clusterId), brokers, Optional.empty());
    }

    public static ClusterStatus down(String problem) {
        return new ClusterStatus(false, Optional.empty(), 0, Optional.of(problem));
    }
}
