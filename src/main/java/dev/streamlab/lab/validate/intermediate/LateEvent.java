package dev.streamlab.lab.validate.intermediate;

import dev.streamlab.lab.validate.intermediate.InputEvents.Event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An out-of-order event: in its partition, an event with a later event time came before it, and that newer event
 * lies in a later window, so a counter that trusts arrival order would put this one in the wrong window.
 */
record LateEvent(Event event, Event newestBefore) {

    /** The late events of {@code events} (in partition and offset order) for windows of {@code size}. */
    static List<LateEvent> in(List<Event> events, long size) {
        Map<Integer, Event> newest = new HashMap<>();
        List<LateEvent> late = new ArrayList<>();
        for (Event e : events) {
            Event before = newest.get(e.partition());
            if (before != null && e.time().millis() < before.time().millis()
                    && Window.containing(e.time().millis(), size).start()
                    < Window.containing(before.time().millis(), size).start()) {
                late.add(new LateEvent(e, before));
            }
            if (before == null || e.time().millis() > before.time().millis()) {
                newest.put(e.partition(), e);
            }
        }
        return late;
    }

    /** e.g. {@code partition 1 offset 57 (event_time 11:59:30, after 12:03:10 had arrived)} */
    String describe() {
        return event.where() + " (event_time " + Window.clock(event.time().millis()) + ", after "
                + Window.clock(newestBefore.time().millis()) + " had arrived)";
    }
}
