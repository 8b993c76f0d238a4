package dev.streamlab.bench;

import dev.streamlab.kafka.EmbeddedBroker;
import dev.streamlab.kafka.EmbeddedBrokerSettings;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** The baseline for {@link StartupBenchmark}: the same Kafka KRaft node with nothing of the lab around it. */
public final class BareBroker {
    private BareBroker() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.controller.QuorumController", "error");
        EmbeddedBroker broker = new EmbeddedBroker(new EmbeddedBrokerSettings("127.0.0.1", "127.0.0.1",
                Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2]), Map.of()));
        broker.start();
        System.out.println("broker ready in " + ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0 + " s");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        new CountDownLatch(1).await();
    }
}
