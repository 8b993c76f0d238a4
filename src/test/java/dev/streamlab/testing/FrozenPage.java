package dev.streamlab.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A page whose tab froze: it opens the WebSocket by hand (a plain socket with a tiny receive buffer), sends its
 * subscriptions, and then never reads again, so whatever the lab sends piles up in TCP and the lab's writes stall.
 */
public final class FrozenPage implements AutoCloseable {
    private final Socket socket;

    private FrozenPage(Socket socket) {
        this.socket = socket;
    }

    public static FrozenPage open(int port, String... messages) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            String key = Base64.getEncoder().encodeToString("frozen-page-key!".getBytes(StandardCharsets.US_ASCII));
            out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readHandshake(socket.getInputStream());
            for (String message : messages) {
                out.write(maskedTextFrame(message));
            }
            out.flush();
            return new FrozenPage(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readHandshake(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the lab closed the connection during the handshake: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("no WebSocket upgrade: " + head);
        }
    }

    /** Clients must mask their frames (RFC 6455 5.3); a zero mask keeps the payload as it is. */
    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("keep test messages under 126 bytes");
        }
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(payload, 0, frame, 6, payload.length);
        return frame;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
