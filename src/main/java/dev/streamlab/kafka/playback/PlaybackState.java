package dev.streamlab.kafka.playback;

/**
 * Where a playback stands: {@code position} is how many scenario events were played (0..total), {@code ended} whether
 * end of input was fed too; {@code runId} names the current topics ({@code <runId>-input}, {@code -output},
 * {@code -late}) and changes with every restart or step back.
 */
public record PlaybackState(String scenarioId, String runId, String inputTopic, String outputTopic, String lateTopic,
                            int position, int total, boolean ended, boolean playing, double speed, int injected) {
}
