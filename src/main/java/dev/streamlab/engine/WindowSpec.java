package dev.streamlab.engine;

/** How elements are assigned to windows; every window is {@code [start, end)} (see {@link TimeWindow}). */
public sealed interface WindowSpec permits WindowSpec.Tumbling, WindowSpec.Sliding, WindowSpec.Session {

    /** True for assigners whose windows merge (sessions). */
    boolean merging();

    /** Tumbling windows: each timestamp belongs to exactly one window {@code [s, s + size)} with {@code s ≡ offset (mod size)}. */
    record Tumbling(long sizeMs, long offsetMs) implements WindowSpec {
        public Tumbling {
            if (sizeMs <= 0) {
                throw new IllegalArgumentException("sizeMs must be > 0, was " + sizeMs);
            }
            if (Math.abs(offsetMs) >= sizeMs) {
                throw new IllegalArgumentException("offsetMs must satisfy |offsetMs| < sizeMs (" + sizeMs + "), was " + offsetMs);
            }
        }

        public Tumbling(long sizeMs) {
            this(sizeMs, 0);
        }

        @Override
        public boolean merging() {
            return false;
        }
    }

    /**
     * Sliding windows: a timestamp belongs to every window {@code [s, s + size)} with {@code s ≡ offset (mod slide)}
     * that covers it (none if it falls in a gap when {@code slide > size}).
     */
    record Sliding(long sizeMs, long slideMs, long offsetMs) implements WindowSpec {
        public Sliding {
            if (sizeMs <= 0) {
                throw new IllegalArgumentException("sizeMs must be > 0, was " + sizeMs);
            }
            if (slideMs <= 0) {
                throw new IllegalArgumentException("slideMs must be > 0, was " + slideMs);
            }
            if (Math.abs(offsetMs) >= slideMs) {
                throw new IllegalArgumentException("offsetMs must satisfy |offsetMs| < slideMs (" + slideMs + "), was " + offsetMs);
            }
        }

        public Sliding(long sizeMs, long slideMs) {
            this(sizeMs, slideMs, 0);
        }

        @Override
        public boolean merging() {
            return false;
        }
    }

    /** Session windows: each element opens {@code [ts, ts + gap)}; windows that intersect or touch merge into their cover. */
    record Session(long gapMs) implements WindowSpec {
        public Session {
            if (gapMs <= 0) {
                throw new IllegalArgumentException("gapMs must be > 0, was " + gapMs);
            }
        }

        @Override
        public boolean merging() {
            return true;
        }
    }
}
