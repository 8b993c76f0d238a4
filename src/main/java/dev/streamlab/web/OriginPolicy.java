package dev.streamlab.web;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which requests may change the lab or open its live channel: those from the lab's own pages. A browser sends
 * {@code Origin} with every WebSocket upgrade and state-changing request; it must name the host the request was
 * sent to, and that host must be this machine's (an IP literal, localhost, or a name the lab was told), so neither
 * another site nor a DNS-rebinding page can drive a learner's lab. Requests without {@code Origin} come from tools
 * such as curl or kcat-like scripts, not from a web page, and are let through.
 */
final class OriginPolicy {
    private final Set<String> allowedHostNames;

    OriginPolicy(Set<String> allowedHostNames) {
        this.allowedHostNames = allowedHostNames.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Null when allowed, else the reason in one sentence. */
    String refusal(String origin, String hostHeader) {
        if (origin == null) {
            return null;
        }
        URI host = parse("http://" + hostHeader);
        if (hostHeader == null || host == null || host.getHost() == null || !hostAllowed(host.getHost())) {
            return "this request was sent to \"" + hostHeader + "\", which is not the lab's address; open the lab at its own address, "
                    + "such as http://127.0.0.1:7070";
        }
        URI from = parse(origin);
        boolean same = from != null && from.getHost() != null
                && ("http".equals(from.getScheme()) || "https".equals(from.getScheme()))
                && from.getHost().equalsIgnoreCase(host.getHost())
                && port(from) == port(host);
        return same ? null : "only the lab's own pages may do this: the request came from a page at " + origin
                + ", and a page elsewhere may not drive your lab";
    }

    private boolean hostAllowed(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return allowedHostNames.contains(lower) || lower.equals("localhost") || isIpLiteral(lower);
    }

    /** Rebinding needs a name its attacker controls; a numeric address cannot be rebound. */
    private static boolean isIpLiteral(String name) {
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.contains(":");
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
