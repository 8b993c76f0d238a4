package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/** The delivery-guarantees lab's live subject: {@code guarantees}, with one entry {@code run} (workers, results). */
public final class GuaranteesFeed {
    private final StateSubject state;

    public GuaranteesFeed(ObjectMapper json) {
        this.state = new StateSubject("guarantees", json, () -> null);
    }

    StateSubject state() {
        return state;
    }

    public void update(Object run) {
        state.update(Map.of("run", run));
    }
}
