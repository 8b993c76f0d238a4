package dev.streamlab.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the lab's version and the Kafka it embeds. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String lab = StreamlabCommand.class.getPackage().getImplementationVersion();
        return new String[] {"Streamlab " + (lab == null ? "dev" : lab) + ", Apache Kafka " + dev.streamlab.kafka.KafkaVersion.current()};
    }
}
