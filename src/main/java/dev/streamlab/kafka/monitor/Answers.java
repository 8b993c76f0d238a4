package dev.streamlab.kafka.monitor;

import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Waits for Admin results and sorts what went wrong, as Kafka's clients do: no answer (timeout, disconnect) fails
 * the poll; "not found" for one item means it was deleted meanwhile and the item is skipped; any other error of
 * an optional part is logged once and that part left empty.
 */
final class Answers {
    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    private final String bootstrapServers;
    private final Duration callTimeout;
    private final Set<String> logged = new HashSet<>();

    Answers(String bootstrapServers, Duration callTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.callTimeout = callTimeout;
    }

    /** The result; any failure fails the poll. */
    <T> T required(KafkaFuture<T> future, String call) throws PollFailure, InterruptedException {
        Answer<T> answer = answer(future, call);
        if (answer.error() != null) {
            throw refused(call, answer.error());
        }
        return answer.value();
    }

    /** The result, or null when it failed with {@code gone} (the item was deleted meanwhile); other errors fail. */
    <T> T unlessGone(KafkaFuture<T> future, String call, Class<? extends Throwable> gone)
            throws PollFailure, InterruptedException {
        Answer<T> answer = answer(future, call);
        if (answer.error() != null && !gone.isInstance(answer.error())) {
            throw refused(call, answer.error());
        }
        return answer.value();
    }

    /** Like {@link #orElse(KafkaFuture, String, Object, Class)} with every error unexpected. */
    <T> T orElse(KafkaFuture<T> future, String call, T fallback) throws PollFailure, InterruptedException {
        return orElse(future, call, fallback, null);
    }

    /**
     * The result, or {@code fallback} when the call failed for another reason than silence (for example an
     * external cluster that does not allow it, or an item deleted meanwhile); errors other than {@code expected}
     * (which may be null) are logged once per call and error.
     */
    <T> T orElse(KafkaFuture<T> future, String call, T fallback, Class<? extends Throwable> expected)
            throws PollFailure, InterruptedException {
        Answer<T> answer = answer(future, call);
        if (answer.error() == null) {
            return answer.value();
        }
        if (expected == null || !expected.isInstance(answer.error())) {
            unexpected(call, answer.error());
        }
        return fallback;
    }

    /** Logs, once per call and kind of error, an error the monitor works around. */
    void unexpected(String call, Throwable error) {
        if (logged.add(call + error.getClass().getName())) {
            LOG.warn("The cluster monitor works around an error of {}: {}", call, error.toString());
        }
    }

    /** The result or the error it failed with; fails the poll only when Kafka did not answer. */
    <T> Answer<T> answer(KafkaFuture<T> future, String call) throws PollFailure, InterruptedException {
        try {
            // The Admin gives up after the call timeout itself; the grace only guards against a lost completion.
            return new Answer<>(future.get(callTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS), null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw notAnswering(call, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (silent(cause)) {
                throw notAnswering(call, cause);
            }
            return new Answer<>(null, cause);
        }
    }

    /** A result ({@code error} null) or the error of a call that was answered. */
    record Answer<T>(T value, Throwable error) {
    }

    private PollFailure refused(String call, Throwable cause) {
        String message = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName() : cause.getMessage();
        return new PollFailure("Kafka at " + bootstrapServers + " refused " + call + ": " + message, cause);
    }

    private PollFailure notAnswering(String call, Throwable cause) {
        String why = cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException
                ? "no reply to " + call + " within " + callTimeout.toMillis() + " ms"
                : "the connection broke during " + call;
        return new PollFailure("Kafka at " + bootstrapServers + " is not answering: " + why, cause);
    }

    private static boolean silent(Throwable cause) {
        return cause instanceof TimeoutException || cause instanceof DisconnectException
                || cause instanceof NetworkException;
    }
}
