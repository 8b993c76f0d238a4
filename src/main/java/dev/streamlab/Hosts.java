package dev.streamlab;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which address a wildcard bind is reached at, and whether an address is this machine's loopback. */
final class Hosts {
    private Hosts() {
    }

    static boolean isWildcard(String host) {
        String bare = bare(host);
        return bare.equals("0.0.0.0") || bare.equals("::") || bare.equals("0:0:0:0:0:0:0:0");
    }

    /** True for 127.x, ::1 and names that resolve only there (localhost); an unknown name is not loopback. */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(bare(host));
            for (InetAddress address : all) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * An address other machines can use for a lab bound to {@code bindHost}: the bind address itself, or for a wildcard
     * this machine's name when it resolves to a non-loopback address, else its first non-loopback interface address
     * (IPv4 first, since classroom networks are), else 127.0.0.1. Many machines map their own name to 127.0.x.1 in
     * /etc/hosts, and a broker advertising that sends every other machine's client back to itself.
     */
    static String reachable(String bindHost) {
        if (!isWildcard(bindHost)) {
            return bare(bindHost);
        }
        Optional<String> name = machineName().filter(n -> !isLoopback(n) && resolves(n));
        return name.or(Hosts::firstInterfaceAddress).orElse("127.0.0.1");
    }

    /** {@code host:port}, with an IPv6 literal in brackets as URLs and Kafka's listeners want it. */
    static String hostPort(String host, int port) {
        String bare = bare(host);
        return (bare.contains(":") ? "[" + bare + "]" : bare) + ":" + port;
    }

    static Optional<String> machineName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean resolves(String name) {
        try {
            InetAddress.getByName(name);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> firstInterfaceAddress() {
        List<InetAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                        if (!address.isLoopbackAddress() && !address.isLinkLocalAddress() && !address.isAnyLocalAddress()) {
                            found.add(address);
                        }
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return found.stream().min(Comparator.comparing((InetAddress a) -> a instanceof Inet4Address ? 0 : 1))
                .map(a -> a.getHostAddress().replaceAll("%.*$", ""));
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
