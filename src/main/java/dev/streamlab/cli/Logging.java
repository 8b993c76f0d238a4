package dev.streamlab.cli;

/**
 * Sets slf4j-simple's levels. It reads them once, when the first logger is made, so this runs before
 * anything that logs: Kafka and Jetty say only warnings unless --verbose.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.dev.streamlab", "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        if (!verbose) {
            // Kafka warns about its own orderly shutdown; that is noise to a learner.
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
            // A topic deleted under a running consumer (a fresh run of a page deletes the old run's topics while its
            // tails still read them) makes the fetcher and the offset lookups warn on every fetch until the tail
            // notices and stops; the pages say that the topic went away. Thousands of lines of it are noise.
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.internals.FetchCollector", "error");
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils", "error");
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka.clients.Metadata", "error");
            // Two clients asking for the group coordinator at once on a fresh broker both make it create
            // __consumer_offsets; the second attempt is logged as a failed creation although the topic is there.
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka.server.DefaultAutoTopicCreationManager", "error");
            // Formatting new storage is logged as a warning; for the lab it is the normal first start.
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka.controller.QuorumController", "error");
            // Restarting on an existing data directory, the node's ControllerRegistrationManager may send its
            // CONTROLLER_REGISTRATION to itself as soon as the raft election names it leader, before its own
            // QuorumController has claimed that leadership. The controller answers NOT_CONTROLLER, the manager retries
            // and registers a moment later, but ControllerApis first logs the refusal as "ERROR Unexpected error
            // handling request ... NotControllerException" with a stack trace, before the ready line. Which thread
            // wins is up to the scheduler (seen under load), so it cannot be avoided from outside; and slf4j-simple
            // fixes a logger's level when the logger is made, so it cannot be quieted for the start-up phase alone.
            // This logger only reports requests to the controller, whose one client in the lab is this same node,
            // which gets each error as a response and retries; a broker that truly fails to start is still reported
            // ("the embedded Kafka broker did not start"), and --verbose shows this logger again.
            setIfAbsent("org.slf4j.simpleLogger.log.kafka.server.ControllerApis", "off");
            // With transactions v2 a transactional producer's first batches to a partition may arrive while the first
            // one (sequence 0) is still being verified; the broker refuses the later ones with a retriable
            // OutOfOrderSequenceException (KAFKA-18202) and logs each refusal as an ERROR with a stack trace, although
            // the producer retries and nothing is lost. /guarantees starts such producers all the time. The producer
            // still reports a real failure to its program, and --verbose shows this logger again.
            setIfAbsent("org.slf4j.simpleLogger.log.kafka.server.ReplicaManager", "off");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
