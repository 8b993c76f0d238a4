package dev.streamlab.engine;

import java.util.ArrayList;
import java.util.List;

/** An {@link EngineOutput} that keeps every firing and late element, in the order the engine produced them. */
public final class CollectingOutput implements EngineOutput {
    private final List<Firing> firings = new ArrayList<>();
    private final List<LateElement> late = new ArrayList<>();

    @Override
    public void onFiring(Firing firing) {
        firings.add(firing);
    }

    @Override
    public void onLate(LateElement element) {
        late.add(element);
    }

    /** The firings so far; a live view, so a test can read it between events. */
    public List<Firing> firings() {
        return java.util.Collections.unmodifiableList(firings);
    }

    /** The late elements so far; a live view. */
    public List<LateElement> late() {
        return java.util.Collections.unmodifiableList(late);
    }
}
