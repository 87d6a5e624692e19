package dev.linden.core.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A client address range in CIDR form ({@code 10.0.0.0/8}, {@code ::1/128}, or one address). */
public record AddressRange(byte[] network, int prefix, String text) {

    public static AddressRange parse(String cidr) {
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("address range '" + cidr + "' must be numeric (CIDR), not a host name");
        }
        byte[] network;
        try {
            network = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid address range '" + cidr + "'");
        }
        int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("invalid prefix length in '" + cidr + "'");
        }
        return new AddressRange(network, prefix, cidr);
    }

    /** Whether a client's IP address (no port) lies in the range. */
    public boolean contains(String host) {
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }
}
