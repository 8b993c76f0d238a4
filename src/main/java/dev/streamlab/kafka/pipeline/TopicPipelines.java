package dev.streamlab.kafka.pipeline;

import dev.streamlab.engine.EngineBudget;
import dev.streamlab.engine.EngineConfig;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.KafkaNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * The pipelines learners run on their own topics from the time lab, on the wall clock: input {@code T}, results in
 * {@code T-windows}, late elements in {@code T-late}, one pipeline per input topic. Starting again on the same topic
 * reconfigures it; each start is a new run, so pages redraw it from its first step.
 */
public final class TopicPipelines {
    private static final String PREFIX = "topic-";
    /** The longer of the two output suffixes, which bounds the input topic's name. */
    private static final String OUTPUT_SUFFIX = "-windows";

    private final Pipelines pipelines;
    private final BiFunction<String, PipelineSpec, PipelineListener> listeners;
    private final AtomicInteger runs = new AtomicInteger();
    private final Map<String, Started> started = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code listeners} gives each run (its id) a listener for its steps. */
    public TopicPipelines(Pipelines pipelines, BiFunction<String, PipelineSpec, PipelineListener> listeners) {
        this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
    }

    /** A started pipeline and the run its steps are published under. */
    public record Started(PipelineSpec spec, String run) {
    }

    /**
     * Starts (or reconfigures) the pipeline on {@code inputTopic}; {@code config} gets the topic's partition count.
     * Throws PipelineException with a learner's sentence when the topic is missing or Kafka does not answer.
     */
    public Started start(String inputTopic, IntFunction<EngineConfig> config) {
        if (inputTopic == null || inputTopic.isBlank()) {
            throw new PipelineException("say which topic the pipeline reads");
        }
        KafkaNames.topicProblem(inputTopic).ifPresent(problem -> {
            throw new PipelineException(problem);
        });
        if (inputTopic.length() > KafkaNames.MAX_LENGTH - OUTPUT_SUFFIX.length()) {
            throw new PipelineException("the pipeline writes its windows to \"" + inputTopic.substring(0, 20) + "..."
                    + OUTPUT_SUFFIX + "\", and Kafka allows at most " + KafkaNames.MAX_LENGTH + " characters in a topic "
                    + "name, so the input topic may have at most " + (KafkaNames.MAX_LENGTH - OUTPUT_SUFFIX.length())
                    + "; this one has " + inputTopic.length());
        }
        if (inputTopic.endsWith(OUTPUT_SUFFIX) || inputTopic.endsWith("-late")) {
            throw new PipelineException(inputTopic + " is a pipeline's own output; choose the topic your events go to");
        }
        int limit = EngineBudget.DEFAULT.maxLivePipelines();
        if (!started.containsKey(inputTopic) && list().size() >= limit) {
            throw new PipelineException(list().size() + " pipelines run already; the lab runs at most " + limit
                    + " at once: stop one first (DELETE /api/pipelines/{topic})");
        }
        int partitions = partitions(pipelines.clients(), inputTopic);
        PipelineSpec spec = new PipelineSpec(PREFIX + inputTopic, inputTopic, inputTopic + OUTPUT_SUFFIX, inputTopic + "-late",
                config.apply(partitions));
        String run = spec.id() + "-" + runs.incrementAndGet();
        pipelines.start(spec, listeners.apply(run, spec));
        Started now = new Started(spec, run);
        started.put(inputTopic, now);
        return now;
    }

    public boolean stop(String inputTopic) {
        started.remove(inputTopic);
        return pipelines.stop(PREFIX + inputTopic);
    }

    /** The learner pipelines running now, with their current runs. */
    public List<Started> list() {
        return started.values().stream().filter(s -> pipelines.get(s.spec().id()).isPresent())
                .sorted(java.util.Comparator.comparing(s -> s.spec().inputTopic())).toList();
    }

    private static int partitions(KafkaClients clients, String topic) {
        try (Admin admin = clients.admin("streamlab-topic-pipelines", 5000)) {
            Map<String, TopicDescription> described = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(5, TimeUnit.SECONDS);
            return described.get(topic).partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new PipelineException("topic " + topic + " does not exist: create it (on /kafka) and produce to it");
            }
            throw new PipelineException("Kafka did not describe " + topic + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new PipelineException("Kafka at " + clients.bootstrapServers() + " is not answering; start it again and retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while asking Kafka about " + topic);
        }
    }
}
