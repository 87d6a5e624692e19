package dev.linden.protocol.netlogon;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * NETLOGON_SAM_LOGON_RESPONSE_EX (MS-ADTS 6.3.1.9), the value of the {@code Netlogon} attribute a
 * domain controller returns to an LDAP ping: little-endian integers, unaligned, eight names in DNS
 * wire form with compression ({@link DnsNames}), then the optional server address (present when
 * {@code ntVersion} has {@link Netlogon#NT_VERSION_5EX_WITH_IP}) and next closest site (when it has
 * {@link Netlogon#NT_VERSION_WITH_CLOSEST_SITE}), the NtVersion and two 0xFFFF tokens. Clients read
 * NtVersion from the end to know which optional parts are there.
 *
 * @param domainGuid the domain's GUID (the 16 bytes are in Microsoft's order: first three fields little-endian)
 * @param dcAddress the server's IPv4 address (SOCKADDR_IN), or null when NtVersion does not announce one
 * @param nextClosestSite the next closest site, or null when NtVersion does not announce one
 */
public record NetlogonResponse(
        int opcode,
        int flags,
        UUID domainGuid,
        String forest,
        String dnsDomain,
        String dnsHostName,
        String netbiosDomain,
        String netbiosComputer,
        String userName,
        String dcSite,
        String clientSite,
        Inet4Address dcAddress,
        String nextClosestSite,
        int ntVersion) {
    private static final int TOKEN = 0xFFFF;
    private static final int SOCKADDR_SIZE = 16;
    private static final int AF_INET = 2;

    public NetlogonResponse {
        Objects.requireNonNull(domainGuid, "domainGuid");
        for (String name : new String[] {
            forest, dnsDomain, dnsHostName, netbiosDomain, netbiosComputer, userName, dcSite, clientSite
        }) {
            Objects.requireNonNull(name, "names may be empty, not null");
        }
        if (opcode < 0 || opcode > 0xFFFF) {
            throw new IllegalArgumentException("opcode " + opcode + " is not a 16-bit value");
        }
        if (((ntVersion & Netlogon.NT_VERSION_5EX_WITH_IP) != 0) != (dcAddress != null)) {
            throw new IllegalArgumentException("the server address is there exactly when NtVersion has 5EX_WITH_IP");
        }
        if (((ntVersion & Netlogon.NT_VERSION_WITH_CLOSEST_SITE) != 0) != (nextClosestSite != null)) {
            throw new IllegalArgumentException(
                    "the next closest site is there exactly when NtVersion has WITH_CLOSEST_SITE");
        }
    }

    /**
     * The value's bytes.
     *
     * @throws IllegalArgumentException when a name cannot be written (an empty label, over 63 bytes per
     *     label or 255 per name, not valid Unicode)
     */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        u16(out, opcode);
        u16(out, 0); // Sbz
        u32(out, flags);
        out.write(guidBytes(domainGuid), 0, 16);
        Map<String, Integer> written = new HashMap<>();
        for (String name : new String[] {
            forest, dnsDomain, dnsHostName, netbiosDomain, netbiosComputer, userName, dcSite, clientSite
        }) {
            DnsNames.write(name, out, written);
        }
        if (dcAddress != null) {
            out.write(SOCKADDR_SIZE);
            u16(out, AF_INET);
            u16(out, 0); // port
            out.write(dcAddress.getAddress(), 0, 4);
            out.write(new byte[8], 0, 8);
        }
        if (nextClosestSite != null) {
            DnsNames.write(nextClosestSite, out, written);
        }
        u32(out, ntVersion);
        u16(out, TOKEN);
        u16(out, TOKEN);
        return out.toByteArray();
    }

    /** Reads a value; anything but a whole, well-formed response (nothing left over) is refused. */
    public static NetlogonResponse decode(byte[] data) throws NetlogonFormatException {
        if (data.length < 8 + 24) {
            throw new NetlogonFormatException("a NETLOGON response has at least 32 bytes, not " + data.length);
        }
        int ntVersion = (int) u32(data, data.length - 8);
        if (u16(data, data.length - 4) != TOKEN || u16(data, data.length - 2) != TOKEN) {
            throw new NetlogonFormatException("LmNtToken and Lm20Token must be 0xFFFF");
        }
        int opcode = u16(data, 0);
        int flags = (int) u32(data, 4);
        UUID guid = guid(data, 8);
        int[] pos = {24};
        String[] names = new String[8];
        for (int i = 0; i < names.length; i++) {
            names[i] = DnsNames.read(data, pos);
        }
        Inet4Address address = null;
        if ((ntVersion & Netlogon.NT_VERSION_5EX_WITH_IP) != 0) {
            int size = pos[0] < data.length ? data[pos[0]] & 0xFF : -1;
            if (size != SOCKADDR_SIZE
                    || pos[0] + 1 + SOCKADDR_SIZE > data.length - 8
                    || u16(data, pos[0] + 1) != AF_INET) {
                throw new NetlogonFormatException("the server address must be a 16-byte SOCKADDR_IN");
            }
            try {
                address = (Inet4Address)
                        InetAddress.getByAddress(java.util.Arrays.copyOfRange(data, pos[0] + 5, pos[0] + 9));
            } catch (UnknownHostException e) {
                throw new NetlogonFormatException("the server address is not an IPv4 address");
            }
            pos[0] += 1 + SOCKADDR_SIZE;
        }
        String nextClosest = (ntVersion & Netlogon.NT_VERSION_WITH_CLOSEST_SITE) != 0 ? DnsNames.read(data, pos) : null;
        if (pos[0] != data.length - 8) {
            throw new NetlogonFormatException(
                    "the names end at byte " + pos[0] + ", not where NtVersion starts (" + (data.length - 8) + ")");
        }
        return new NetlogonResponse(
                opcode,
                flags,
                guid,
                names[0],
                names[1],
                names[2],
                names[3],
                names[4],
                names[5],
                names[6],
                names[7],
                address,
                nextClosest,
                ntVersion);
    }

    /** A GUID's 16 bytes in Microsoft's order (Data1, Data2, Data3 little-endian; Data4 as is). */
    public static byte[] guidBytes(UUID guid) {
        byte[] b = new byte[16];
        long hi = guid.getMostSignificantBits();
        long lo = guid.getLeastSignificantBits();
        int data1 = (int) (hi >>> 32);
        int data2 = (int) (hi >>> 16) & 0xFFFF;
        int data3 = (int) hi & 0xFFFF;
        b[0] = (byte) data1;
        b[1] = (byte) (data1 >>> 8);
        b[2] = (byte) (data1 >>> 16);
        b[3] = (byte) (data1 >>> 24);
        b[4] = (byte) data2;
        b[5] = (byte) (data2 >>> 8);
        b[6] = (byte) data3;
        b[7] = (byte) (data3 >>> 8);
        for (int i = 0; i < 8; i++) {
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    /** The GUID of 16 bytes in Microsoft's order at {@code offset}. */
    public static UUID guid(byte[] b, int offset) {
        long data1 = u32(b, offset);
        long data2 = u16(b, offset + 4);
        long data3 = u16(b, offset + 6);
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            lo = (lo << 8) | (b[offset + 8 + i] & 0xFF);
        }
        return new UUID((data1 << 32) | (data2 << 16) | data3, lo);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        u16(out, v & 0xFFFF);
        u16(out, v >>> 16);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return u16(b, at) | (long) u16(b, at + 2) << 16;
    }
}
