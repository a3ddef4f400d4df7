package io.tapline.proxy.routing;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the client's address behind trusted proxies: X-Forwarded-For is believed only as far as it was written
 * by proxies in the trusted ranges, so a client cannot choose its recorded address by sending the header itself.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * The rightmost-untrusted algorithm: an untrusted peer is the client. Otherwise the X-Forwarded-For entries
     * (all header values in order, comma-separated) are walked from the right, skipping trusted addresses; the
     * first untrusted one is the client, and if every entry is trusted the leftmost is. An entry that is not an
     * IP literal stops the walk and the last good address is used. Never does a DNS lookup.
     *
     * @param peer                      the address of the TCP peer
     * @param xForwardedForHeaderValues every X-Forwarded-For header value in received order; may be null or empty
     * @param trusted                   the trusted proxy ranges
     * @return the client address in canonical text form (dotted quad, or RFC 5952 IPv6)
     */
    public static String resolve(InetAddress peer, List<String> xForwardedForHeaderValues, List<Cidr> trusted) {
        if (peer == null) {
            return null;
        }
        if (xForwardedForHeaderValues == null || xForwardedForHeaderValues.isEmpty() || !isTrusted(peer, trusted)) {
            return IpLiteral.format(peer);
        }
        List<String> entries = entries(xForwardedForHeaderValues);
        InetAddress lastGood = peer;
        for (int i = entries.size() - 1; i >= 0; i--) {
            InetAddress hop = IpLiteral.parseForwarded(entries.get(i));
            if (hop == null) {
                break; // garbage: whatever lies to its left was not written by a proxy we trust
            }
            lastGood = hop;
            if (!isTrusted(hop, trusted)) {
                break;
            }
        }
        return IpLiteral.format(lastGood);
    }

    private static List<String> entries(List<String> headerValues) {
        List<String> entries = new ArrayList<>();
        for (String value : headerValues) {
            if (value == null) {
                continue;
            }
            for (String part : value.split(",", -1)) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty()) {
                    entries.add(trimmed);
                }
            }
        }
        return entries;
    }

    private static boolean isTrusted(InetAddress address, List<Cidr> trusted) {
        if (trusted == null) {
            return false;
        }
        for (Cidr range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
