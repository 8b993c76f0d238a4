package dev.streamlab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;

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

    /**
     * A port the OS considers free right now, for listeners the user never connects to. The user's own ports are
     * free too until their listeners start, so the OS may hand one of them out: those are skipped.
     */
    static int ephemeral(String host, int... taken) throws StartupException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new StartupException("cannot open any port on " + host + " (" + e.getMessage() + "); check --host");
            }
            if (Arrays.stream(taken).noneMatch(t -> t == port)) {
                return port;
            }
        }
        throw new StartupException("the OS keeps offering only the ports given to --port and --kafka-port on " + host
                + "; choose other ports");
    }
}
