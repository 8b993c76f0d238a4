package dev.streamlab.web;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which requests the lab answers, in two rules. First, every request (page, API, static file, WebSocket upgrade) must
 * be addressed to one of the lab's own host names: localhost and its subdomains, an IP literal, this machine's name,
 * or a name given with {@code --allowed-hosts}. That defeats DNS rebinding, where a page on a name its attacker
 * controls makes that name point at 127.0.0.1 and then reads the lab as "its own" site: the browser still sends the
 * attacker's name in {@code Host}. Any IP literal is allowed because a numeric address cannot be rebound, so a browser
 * sending one went to that address itself. A request with no {@code Host} at all (HTTP/1.0) comes from a tool, never
 * from a browser, and is let through. Second, a WebSocket upgrade or state-changing request that carries
 * {@code Origin} (every browser sends it on those) must come from a page at the very address it was sent to, so a page
 * on another site cannot drive a learner's lab. Tools such as curl send no {@code Origin} and pass that rule.
 */
final class OriginPolicy {
    /** The most of a refused Host header a refusal repeats; the rest is not worth reading. */
    private static final int SHOWN = 100;

    private final Set<String> allowedHostNames;

    OriginPolicy(Set<String> allowedHostNames) {
        this.allowedHostNames = allowedHostNames.stream().map(OriginPolicy::normalized).collect(Collectors.toSet());
    }

    /** Null when a request with this {@code Host} header may be answered, else the reason in one sentence. */
    String hostRefusal(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        URI host = parse("http://" + hostHeader);
        if (host != null && host.getHost() != null && host.getRawPath().isEmpty()
                && host.getRawUserInfo() == null && host.getRawQuery() == null && host.getRawFragment() == null
                && hostAllowed(host.getHost())) {
            return null;
        }
        String shown = hostHeader.length() > SHOWN ? hostHeader.substring(0, SHOWN) + "..." : hostHeader;
        return "this request was sent to \"" + shown + "\", which is not one of the lab's addresses (localhost, an IP "
                + "address or this machine's name), so the lab does not answer it: a page on another site could otherwise "
                + "read your lab by pointing its own name at this machine. Open the lab at its own address, such as "
                + "http://127.0.0.1:" + portOr(host, 7070) + ", or, if that name is yours, start the lab with "
                + "--allowed-hosts " + (host == null || host.getHost() == null || host.getHost().length() > SHOWN ? "NAME" : host.getHost());
    }

    /** Null when a state-changing request or upgrade may go ahead, else the reason in one sentence. */
    String refusal(String origin, String hostHeader) {
        if (origin == null) {
            return null;
        }
        String wrongHost = hostHeader == null ? "this request names no host, so the lab cannot tell that it comes from "
                + "its own page; open the lab at its own address, such as http://127.0.0.1:7070" : hostRefusal(hostHeader);
        if (wrongHost != null) {
            return wrongHost;
        }
        URI host = parse("http://" + hostHeader);
        URI from = parse(origin);
        boolean same = from != null && from.getHost() != null
                && ("http".equals(from.getScheme()) || "https".equals(from.getScheme()))
                && from.getHost().equalsIgnoreCase(host.getHost())
                && port(from) == port(host);
        return same ? null : "only the lab's own pages may do this: the request came from a page at " + origin
                + ", and a page elsewhere may not drive your lab";
    }

    private boolean hostAllowed(String name) {
        String lower = normalized(name);
        return allowedHostNames.contains(lower) || lower.equals("localhost") || lower.endsWith(".localhost")
                || isIpLiteral(lower);
    }

    /** Lower case, without IPv6 brackets or the trailing dot of a fully qualified name ("localhost."). */
    private static String normalized(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * Rebinding needs a name its attacker controls; a numeric address cannot be rebound. (*.localhost is safe too:
     * browsers resolve it to loopback themselves, without asking DNS.)
     */
    private static boolean isIpLiteral(String name) {
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.matches("[0-9a-f:.]*:[0-9a-f:.]*(%.+)?");
    }

    private static int portOr(URI uri, int otherwise) {
        return uri == null || uri.getPort() < 0 ? otherwise : uri.getPort();
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static URI parse(String text) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
