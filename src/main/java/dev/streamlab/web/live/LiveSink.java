package dev.streamlab.web.live;

import java.util.function.Consumer;

/**
 * Where one client's frames go. {@link #send} must not block: it reports completion through its callbacks,
 * which is how the hub knows a client is keeping up.
 */
public interface LiveSink {
    void send(String frame, Runnable done, Consumer<Throwable> failed);

    /** Ends the connection with a WebSocket close code and a reason the browser can show. */
    void close(int code, String reason);

    /**
     * Drops the connection without a goodbye: for a client that takes no frames, a close frame would only queue
     * behind the ones it is not reading. The page sees the connection lost, reconnects and resyncs.
     */
    void abort();
}
