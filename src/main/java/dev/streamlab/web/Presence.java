package dev.streamlab.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where each learner was last seen, as the server saw their requests (not as a browser claims): the last page they
 * opened and when they last did anything (a page or an API call). In memory only, and bounded: past
 * {@link #MAX_LEARNERS} the learner seen longest ago is forgotten.
 */
final class Presence {
    static final int MAX_LEARNERS = 2000;

    /** The last page opened (null while the learner has only called the API) and the last activity, epoch millis. */
    record Seen(String page, long atMs) {
    }

    // access order, so the eldest entry is the learner seen longest ago
    private final Map<String, Seen> byLearner = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > MAX_LEARNERS;
        }
    };

    /** The learner opened {@code page}. */
    synchronized void page(String learner, String page, long atMs) {
        byLearner.put(Objects.requireNonNull(learner, "learner"), new Seen(Objects.requireNonNull(page, "page"), atMs));
    }

    /** The learner did something without opening a page (an answer, a check, a control). */
    synchronized void activity(String learner, long atMs) {
        Seen before = byLearner.get(Objects.requireNonNull(learner, "learner"));
        byLearner.put(learner, new Seen(before == null ? null : before.page(), atMs));
    }

    synchronized Map<String, Seen> all() {
        return Map.copyOf(byLearner);
    }
}
