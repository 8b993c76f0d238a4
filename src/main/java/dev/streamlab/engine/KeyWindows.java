package dev.streamlab.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** The in-flight windows of one key: by start for fixed-size windows, as a list for sessions. */
final class KeyWindows {
    final String key;
    private final HashMap<Long, WindowState> byStart = new HashMap<>();
    private WindowState recent;
    final List<WindowState> sessions = new ArrayList<>(2);

    KeyWindows(String key) {
        this.key = key;
    }

    WindowState byStart(long start) {
        WindowState r = recent;
        if (r != null && r.window.start() == start) {
            return r;
        }
        r = byStart.get(start);
        if (r != null) {
            recent = r;
        }
        return r;
    }

    void putByStart(WindowState state) {
        byStart.put(state.window.start(), state);
        recent = state;
    }

    void remove(WindowState state) {
        if (!sessions.remove(state)) {
            byStart.remove(state.window.start());
            if (recent == state) {
                recent = null;
            }
        }
    }

    boolean isEmpty() {
        return byStart.isEmpty() && sessions.isEmpty();
    }
}
