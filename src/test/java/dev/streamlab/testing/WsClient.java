package dev.streamlab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page's WebSocket as a test sees it: every frame the lab sent, split into parts, and the state it holds.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger closeCode = new AtomicInteger();
    private volatile String closeReason = "";
    private WebSocket socket;

    private WsClient() {
    }

    public static WsClient connect(String wsUrl) {
        return open(wsUrl, new WsClient());
    }

    /** As a browser page at {@code origin} connects: with that Origin header. */
    public static WsClient open(String wsUrl, String origin) {
        WsClient client = new WsClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                .buildAsync(URI.create(wsUrl), client).join();
        return client;
    }


    private static WsClient open(String wsUrl, WsClient client) {
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(wsUrl), client).join();
        return client;
    }

    public WsClient send(String message) {
        socket.sendText(message, true).join();
        return this;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.set(statusCode);
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    public int frameCount() {
        return frames.size();
    }

    /** Every part of every frame so far, in order. */
    public List<JsonNode> parts() {
        List<JsonNode> parts = new ArrayList<>();
        for (JsonNode frame : frames) {
            frame.get("parts").forEach(parts::add);
        }
        return parts;
    }

    /** The parts of one type for one subject. */
    public List<JsonNode> parts(String type, String subject) {
        return parts().stream().filter(p -> p.path("type").asText().equals(type)
                && (subject == null || p.path("subject").asText().equals(subject))).toList();
    }

    /** A state subject as the page holds it: the last snapshot with every later delta applied. */
    public Map<String, JsonNode> state(String subject) {
        return state(parts(), subject);
    }

    /** As {@link #state(String)}, over parts received some other way (a test's own sink). */
    public static Map<String, JsonNode> state(Iterable<JsonNode> parts, String subject) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        for (JsonNode part : parts) {
            if (!part.path("subject").asText().equals(subject)) {
                continue;
            }
            switch (part.path("type").asText()) {
                case "snapshot" -> {
                    entries.clear();
                    part.get("entries").fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
                }
                case "delta" -> {
                    part.get("changed").fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
                    part.get("removed").forEach(name -> entries.remove(name.asText()));
                }
                default -> { }
            }
        }
        return entries;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public int closeCode() {
        return closeCode.get();
    }

    /** The reason the lab gave when it closed the connection ("" until then). */
    public String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
