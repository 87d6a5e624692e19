package dev.linden.cli.doctor;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-made TLS ClientHello (RFC 5246 7.4.1.2, RFC 8446 4.1.2) and the first flight of the
 * server's answer, read only as far as the ServerHello and, before TLS 1.3, the Certificate. This
 * is how doctor sees versions and suites the JDK will not offer: it never finishes a handshake.
 */
final class TlsHello {
    static final int SSL3 = 0x0300;
    static final int TLS10 = 0x0301;
    static final int TLS11 = 0x0302;
    static final int TLS12 = 0x0303;
    static final int TLS13 = 0x0304;
    private static final int MAX_FLIGHT = 256 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What came back: a ServerHello (version, suite, certificates if sent in clear), an alert, or something else. */
    record Reply(Kind kind, int version, int suite, List<byte[]> certificates, String detail) {
        enum Kind {
            SERVER_HELLO,
            ALERT,
            NOT_TLS,
            CLOSED,
            SILENT
        }
    }

    private TlsHello() {}

    static String versionName(int v) {
        return switch (v) {
            case SSL3 -> "SSLv3";
            case TLS10 -> "TLSv1.0";
            case TLS11 -> "TLSv1.1";
            case TLS12 -> "TLSv1.2";
            case TLS13 -> "TLSv1.3";
            default -> String.format("0x%04X", v);
        };
    }

    /**
     * A ClientHello offering {@code version} at most (TLS 1.3 through supported_versions and an
     * X25519 key share), the given suites and the extensions servers expect.
     *
     * @param serverName sent as SNI, unless null or an address
     */
    static byte[] clientHello(int version, List<Integer> suites, String serverName) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, Math.min(version, TLS12)); // legacy_version
        bytes(body, random(32));
        if (version == TLS13) {
            body.write(32);
            bytes(body, random(32)); // a session ID, as middlebox-compatible clients send
        } else {
            body.write(0);
        }
        u16(body, 2 * suites.size() + 2);
        suites.forEach(s -> u16(body, s));
        u16(body, 0x00FF); // TLS_EMPTY_RENEGOTIATION_INFO_SCSV: servers that insist on safe renegotiation
        body.write(1);
        body.write(0); // no compression
        if (version > SSL3) {
            byte[] ext = extensions(version, serverName);
            u16(body, ext.length);
            bytes(body, ext);
        }
        byte[] hello = body.toByteArray();
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(1); // client_hello
        u24(handshake, hello.length);
        bytes(handshake, hello);
        byte[] h = handshake.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22);
        u16(record, version == SSL3 ? SSL3 : TLS10);
        u16(record, h.length);
        bytes(record, h);
        return record.toByteArray();
    }

    private static byte[] extensions(int version, String serverName) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        if (serverName != null && !Names.isAddress(serverName)) {
            byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
            u16(e, 0x0000);
            u16(e, name.length + 5);
            u16(e, name.length + 3);
            e.write(0);
            u16(e, name.length);
            bytes(e, name);
        }
        int[] groups = {0x001d, 0x0017, 0x0018, 0x0019, 0x0100};
        extension(e, 0x000a, list16(groups));
        extension(e, 0x000b, new byte[] {1, 0}); // uncompressed points
        int[] signatures = {
            0x0804, 0x0805, 0x0806, 0x0403, 0x0503, 0x0603, 0x0807, 0x0401, 0x0501, 0x0601, 0x0201, 0x0203
        };
        extension(e, 0x000d, list16(signatures));
        extension(e, 0x0017, new byte[0]); // extended master secret
        if (version == TLS13) {
            extension(e, 0x002b, new byte[] {2, 0x03, 0x04}); // supported_versions: TLS 1.3 only
            ByteArrayOutputStream share = new ByteArrayOutputStream();
            u16(share, 36);
            u16(share, 0x001d);
            u16(share, 32);
            bytes(share, random(32)); // any 32 bytes are an X25519 public key; the handshake never gets that far
            extension(e, 0x0033, share.toByteArray());
            extension(e, 0x002d, new byte[] {1, 1}); // psk_key_exchange_modes: psk_dhe_ke
        }
        return e.toByteArray();
    }

    /** Reads the server's first flight (bounded in size and by the socket's timeout). */
    static Reply read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        ByteArrayOutputStream handshakes = new ByteArrayOutputStream();
        int version = -1;
        int suite = -1;
        List<byte[]> certificates = new ArrayList<>();
        int total = 0;
        try {
            while (total < MAX_FLIGHT) {
                int type = in.read();
                if (type < 0) {
                    return version < 0
                            ? new Reply(Reply.Kind.CLOSED, -1, -1, List.of(), "closed without answering")
                            : new Reply(Reply.Kind.SERVER_HELLO, version, suite, certificates, null);
                }
                int recordVersion = in.readUnsignedShort();
                int length = in.readUnsignedShort();
                if ((type != 21 && type != 22 && type != 20 && type != 23)
                        || recordVersion >> 8 != 3
                        || length > 18_432) {
                    return new Reply(
                            Reply.Kind.NOT_TLS, -1, -1, List.of(), String.format("not TLS (first byte 0x%02X)", type));
                }
                byte[] fragment = new byte[length];
                in.readFully(fragment);
                total += 5 + length;
                if (type == 21) {
                    return version >= 0
                            ? new Reply(Reply.Kind.SERVER_HELLO, version, suite, certificates, null)
                            : new Reply(Reply.Kind.ALERT, -1, -1, List.of(), alert(fragment));
                }
                if (type != 22) {
                    break; // ChangeCipherSpec or encrypted data: the clear part of the flight is over
                }
                handshakes.write(fragment, 0, fragment.length);
                byte[] h = handshakes.toByteArray();
                int at = 0;
                while (h.length - at >= 4) {
                    int msgType = h[at] & 0xFF;
                    int msgLength = (h[at + 1] & 0xFF) << 16 | (h[at + 2] & 0xFF) << 8 | (h[at + 3] & 0xFF);
                    if (h.length - at - 4 < msgLength) {
                        break;
                    }
                    byte[] msg = java.util.Arrays.copyOfRange(h, at + 4, at + 4 + msgLength);
                    at += 4 + msgLength;
                    if (msgType == 2) {
                        int[] parsed = serverHello(msg);
                        version = parsed[0];
                        suite = parsed[1];
                        if (version == TLS13) {
                            return new Reply(Reply.Kind.SERVER_HELLO, version, suite, List.of(), null);
                        }
                    } else if (msgType == 11) {
                        certificates = certificates(msg);
                    } else if (msgType == 14 || msgType == 12 && !certificates.isEmpty()) {
                        return new Reply(Reply.Kind.SERVER_HELLO, version, suite, certificates, null);
                    }
                }
                handshakes.reset();
                handshakes.write(h, at, h.length - at);
            }
        } catch (SocketTimeoutException e) {
            if (version < 0) {
                return new Reply(Reply.Kind.SILENT, -1, -1, List.of(), "no answer");
            }
        } catch (EOFException e) {
            if (version < 0) {
                return new Reply(Reply.Kind.CLOSED, -1, -1, List.of(), "closed mid-record");
            }
        }
        return version < 0
                ? new Reply(Reply.Kind.NOT_TLS, -1, -1, List.of(), "no ServerHello")
                : new Reply(Reply.Kind.SERVER_HELLO, version, suite, certificates, null);
    }

    /** The version (supported_versions when present) and suite of a ServerHello body. */
    private static int[] serverHello(byte[] m) throws IOException {
        if (m.length < 38) {
            throw new IOException("a truncated ServerHello");
        }
        int version = (m[0] & 0xFF) << 8 | (m[1] & 0xFF);
        int at = 34;
        at += 1 + (m[at] & 0xFF);
        if (m.length < at + 3) {
            throw new IOException("a truncated ServerHello");
        }
        int suite = (m[at] & 0xFF) << 8 | (m[at + 1] & 0xFF);
        at += 3;
        if (m.length >= at + 2) {
            int end = Math.min(m.length, at + 2 + ((m[at] & 0xFF) << 8 | (m[at + 1] & 0xFF)));
            at += 2;
            while (at + 4 <= end) {
                int type = (m[at] & 0xFF) << 8 | (m[at + 1] & 0xFF);
                int len = (m[at + 2] & 0xFF) << 8 | (m[at + 3] & 0xFF);
                if (type == 0x002b && len == 2 && at + 6 <= end) {
                    version = (m[at + 4] & 0xFF) << 8 | (m[at + 5] & 0xFF);
                }
                at += 4 + len;
            }
        }
        return new int[] {version, suite};
    }

    private static List<byte[]> certificates(byte[] m) {
        List<byte[]> out = new ArrayList<>();
        if (m.length < 3) {
            return out;
        }
        int end = Math.min(m.length, 3 + ((m[0] & 0xFF) << 16 | (m[1] & 0xFF) << 8 | (m[2] & 0xFF)));
        int at = 3;
        while (at + 3 <= end) {
            int len = (m[at] & 0xFF) << 16 | (m[at + 1] & 0xFF) << 8 | (m[at + 2] & 0xFF);
            at += 3;
            if (at + len > end) {
                break;
            }
            out.add(java.util.Arrays.copyOfRange(m, at, at + len));
            at += len;
        }
        return out;
    }

    private static String alert(byte[] f) {
        if (f.length < 2) {
            return "an alert";
        }
        int code = f[1] & 0xFF;
        String name = switch (code) {
            case 40 -> "handshake_failure";
            case 47 -> "illegal_parameter";
            case 50 -> "decode_error";
            case 70 -> "protocol_version";
            case 71 -> "insufficient_security";
            case 80 -> "internal_error";
            case 112 -> "unrecognized_name";
            default -> "alert " + code;
        };
        return "alert " + name;
    }

    private static byte[] list16(int[] values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, values.length * 2);
        for (int v : values) {
            u16(b, v);
        }
        return b.toByteArray();
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        bytes(out, data);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8 & 0xFF);
        out.write(v & 0xFF);
    }

    private static void u24(ByteArrayOutputStream out, int v) {
        out.write(v >> 16 & 0xFF);
        u16(out, v & 0xFFFF);
    }

    private static void bytes(ByteArrayOutputStream out, byte[] b) {
        out.write(b, 0, b.length);
    }
}
