package dev.streamlab.web.live;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import org.eclipse.jetty.websocket.api.Callback;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code /ws}: connects Javalin's WebSocket sessions to the hub. A page's message is a small JSON request; one over
 * {@value #MAX_MESSAGE_BYTES} bytes is not read at all: Jetty closes the connection with 1009 (message too big) and
 * says so in the close reason, so a huge message costs no more memory than that.
 */
public final class LiveEndpoint {
    /** Room for any request (a topic name is at most 249 characters) with plenty to spare. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final LiveHub hub;
    private final Map<String, LiveClient> bySession = new ConcurrentHashMap<>();

    public LiveEndpoint(LiveHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            // Pings keep idle connections alive through proxies and let Jetty notice a vanished peer.
            ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
            ctx.session.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            ctx.session.setMaxBinaryMessageSize(1024); // pages send no binary messages
            bySession.put(ctx.sessionId(), hub.connect(new SessionSink(ctx)));
        });
        ws.onMessage(ctx -> {
            LiveClient client = bySession.get(ctx.sessionId());
            if (client != null) {
                hub.receive(client, ctx.message());
            }
        });
        ws.onClose(ctx -> gone(ctx.sessionId()));
        ws.onError(ctx -> gone(ctx.sessionId()));
    }

    private void gone(String sessionId) {
        LiveClient client = bySession.remove(sessionId);
        if (client != null) {
            hub.disconnect(client);
        }
    }

    private record SessionSink(WsContext ctx) implements LiveSink {
        @Override
        public void send(String frame, Runnable done, java.util.function.Consumer<Throwable> failed) {
            ctx.session.sendText(frame, Callback.from(done, failed));
        }

        @Override
        public void close(int code, String reason) {
            ctx.session.close(code, reason, Callback.NOOP);
        }

        @Override
        public void abort() {
            ctx.session.disconnect();
        }
    }
}
