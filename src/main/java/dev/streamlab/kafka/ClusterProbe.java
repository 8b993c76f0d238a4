package dev.streamlab.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks the cluster who it is; never throws, an unreachable cluster is a {@link ClusterStatus} too. */
public final class ClusterProbe implements AutoCloseable {
    private final Admin admin;
    private final String bootstrapServers;
    private final Duration timeout;

    public ClusterProbe(KafkaClients clients, Duration timeout) {
        this.timeout = timeout;
        this.bootstrapServers = clients.bootstrapServers();
        this.admin = clients.admin("streamlab-probe", (int) timeout.toMillis());
    }

    public ClusterStatus probe() {
        try {
            DescribeClusterResult result = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            String clusterId = result.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int brokers = result.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return ClusterStatus.up(clusterId, brokers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ClusterStatus.down("interrupted while asking " + bootstrapServers);
        } catch (ExecutionException | TimeoutException e) {
            return ClusterStatus.down("no answer from Kafka at " + bootstrapServers + " within "
                    + timeout.toMillis() + " ms" + reason(e));
        }
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return message == null || message.isBlank() || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "" : " (" + message + ")";
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
