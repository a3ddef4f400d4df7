package io.tapline.proxy.routing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address range such as {@code 10.0.0.0/8} or {@code fd00::/8}. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.1.2.3}) are treated as the IPv4 addresses they carry, in ranges and in lookups alike.
 *
 * @param network      the first address of the range (host bits cleared); an {@link Inet4Address} for IPv4
 * @param prefixLength leading bits that are fixed: 0..32 for IPv4, 0..128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        byte[] raw = network.getAddress();
        byte[] bytes = normalized(raw);
        if (bytes.length != raw.length) {
            prefixLength -= 96; // an IPv4-mapped network given as an Inet6Address
        }
        int bits = bytes.length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ", got " + prefixLength);
        }
        network = masked(bytes, prefixLength);
    }

    /**
     * Parses {@code address/prefix} or a plain address (a single-address range); host bits are cleared.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Cidr parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        String addressText = slash < 0 ? t : t.substring(0, slash);
        InetAddress address = IpLiteral.parse(addressText);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR range: '" + text + "'");
        }
        boolean writtenAsV6 = addressText.indexOf(':') >= 0;
        int maxBits = writtenAsV6 ? 128 : 32;
        int prefix = maxBits;
        if (slash >= 0) {
            String digits = t.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(digits) > maxBits) {
                throw new IllegalArgumentException("prefix length must be 0.." + maxBits + " in '" + text + "'");
            }
            prefix = Integer.parseInt(digits);
        }
        if (writtenAsV6 && address instanceof Inet4Address) {
            if (prefix < 96) {
                throw new IllegalArgumentException("an IPv4-mapped range needs a prefix of at least 96: '" + text + "'");
            }
            prefix -= 96;
        }
        return new Cidr(address, prefix);
    }

    /** True when the address (IPv4-mapped IPv6 counting as IPv4) lies in this range. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] candidate = normalized(address.getAddress());
        byte[] net = network.getAddress();
        if (candidate.length != net.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != net[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (net[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return IpLiteral.format(network) + "/" + prefixLength;
    }

    private static InetAddress masked(byte[] raw, int prefixLength) {
        byte[] bytes = raw.clone();
        for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Java already turns most mapped addresses into Inet4Address; this catches the Inet6Address ones. */
    private static byte[] normalized(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] != (byte) 0xFF || bytes[11] != (byte) 0xFF) {
            return bytes;
        }
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }
}
