package dev.streamlab.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of the Kafka libraries in this JVM, read from the file kafka-clients ships for that purpose. */
public final class KafkaVersion {
    private static final String RESOURCE = "/kafka/kafka-version.properties";

    private KafkaVersion() {
    }

    public static String current() {
        Properties props = new Properties();
        try (InputStream in = KafkaVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return props.getProperty("version", "unknown");
    }
}
