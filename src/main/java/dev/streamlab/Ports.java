package dev.streamlab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks done before anything starts, so a taken port costs the user one clear line, not a broker start. */
final class Ports {
    private Ports() {
    }

    static void requireFree(String host, int port, String what, String flag) throws StartupException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new StartupException(what + " port " + port + " on " + host + " is already in use (is another Streamlab or Kafka running?); "
                    + "stop that program or choose another port with " + flag);
        }
    }

    /** A port the OS considers free right now, for listeners the user never connects to. */
    static int ephemeral(String host) throws StartupException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("cannot open any port on " + host + " (" + e.getMessage() + "); check --host");
        }
    }
}
