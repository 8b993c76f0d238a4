package dev.streamlab.kafka.playback;

import dev.streamlab.engine.EngineBudget;
import dev.streamlab.engine.EngineConfig;
import dev.streamlab.engine.WindowSpec;

/**
 * What an instructor changed on the time lab's controls before replaying a scenario; every field is optional
 * ({@code null}: keep the scenario's). Times in ms; {@code windowType} is tumbling, sliding or session. The result
 * must fit the lab's {@link EngineBudget}: playback and learner pipelines both take their settings from here.
 */
public record ConfigOverrides(String windowType, Long sizeMs, Long slideMs, Long gapMs, Long maxOutOfOrdernessMs,
                              Long allowedLatenessMs, Long idlenessMs) {

    public static final ConfigOverrides NONE = new ConfigOverrides(null, null, null, null, null, null, null);

    /**
     * The scenario's settings with these changes; throws IllegalArgumentException with a learner's sentence, also when
     * they do not fit {@link EngineBudget#DEFAULT} (the events are checked by the caller that has them).
     */
    public EngineConfig applyTo(EngineConfig base) {
        EngineConfig changed = changed(base);
        EngineBudget.DEFAULT.checkConfig(changed);
        return changed;
    }

    private EngineConfig changed(EngineConfig base) {
        WindowSpec window = window(base.windows());
        return new EngineConfig(window,
                or(maxOutOfOrdernessMs, base.maxOutOfOrdernessMs(), "out-of-orderness bound"),
                or(allowedLatenessMs, base.allowedLatenessMs(), "allowed lateness"),
                base.partitions(),
                or(idlenessMs, base.idlenessMs(), "idleness"),
                processingWindows(base, window));
    }

    /**
     * A scenario that counts the same windows on both clocks keeps doing so when the windows change, so the results
     * still compare like with like; sessions cannot run on processing time, so then its own windows stay (and the
     * page says that the two are different windows).
     */
    private static WindowSpec processingWindows(EngineConfig base, WindowSpec window) {
        WindowSpec processing = base.processingTimeWindows();
        return processing != null && processing.equals(base.windows()) && !window.merging() ? window : processing;
    }

    private WindowSpec window(WindowSpec base) {
        String type = windowType == null ? typeOf(base) : windowType;
        long baseSize = base instanceof WindowSpec.Tumbling t ? t.sizeMs() : base instanceof WindowSpec.Sliding s ? s.sizeMs() : 60_000;
        return switch (type) {
            case "tumbling" -> new WindowSpec.Tumbling(positive(or(sizeMs, baseSize, "size"), "size"), 0);
            case "sliding" -> {
                long size = positive(or(sizeMs, baseSize, "size"), "size");
                long baseSlide = base instanceof WindowSpec.Sliding s ? s.slideMs() : Math.max(1, size / 2);
                yield new WindowSpec.Sliding(size, positive(or(slideMs, baseSlide, "slide"), "slide"), 0);
            }
            case "session" -> new WindowSpec.Session(positive(or(gapMs,
                    base instanceof WindowSpec.Session s ? s.gapMs() : 60_000, "gap"), "gap"));
            default -> throw new IllegalArgumentException("window type \"" + type + "\": use tumbling, sliding or session");
        };
    }

    private static String typeOf(WindowSpec spec) {
        return spec instanceof WindowSpec.Tumbling ? "tumbling" : spec instanceof WindowSpec.Sliding ? "sliding" : "session";
    }

    private static long or(Long value, long fallback, String name) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException("the " + name + " must be 0 or more, not " + value + " ms");
        }
        return value == null ? fallback : value;
    }

    private static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException("the window " + name + " must be more than 0 ms");
        }
        return value;
    }
}
