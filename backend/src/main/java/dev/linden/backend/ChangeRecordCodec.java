package dev.linden.backend;

import dev.linden.model.sync.Csn;
import dev.linden.model.sync.SyncSyntaxException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The changelog's value format, version 1: the version byte, the kind, the 16-byte entryUUID, the
 * CSN (40 ASCII characters), then the DN, the previous DN (empty when none) and the attribute names,
 * each a 2-byte length and UTF-8 bytes, the names preceded by their 2-byte count. The sequence number
 * is the key, not part of the value.
 */
final class ChangeRecordCodec {
    private static final byte VERSION = 1;

    private ChangeRecordCodec() {}

    static byte[] encode(ChangeRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 + r.dn().length());
        out.write(VERSION);
        out.write(r.kind().code);
        out.writeBytes(r.uuid());
        out.writeBytes(r.csn().toString().getBytes(StandardCharsets.US_ASCII));
        text(out, r.dn());
        text(out, r.previousDn() == null ? "" : r.previousDn());
        short16(out, r.attributes().size());
        for (String a : r.attributes()) {
            text(out, a);
        }
        return out.toByteArray();
    }

    static ChangeRecord decode(long seq, byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalStateException("changelog record version " + version + " is not known to this server");
        }
        ChangeKind kind = ChangeKind.of(in.get());
        byte[] uuid = new byte[16];
        in.get(uuid);
        byte[] csn = new byte[Csn.LENGTH];
        in.get(csn);
        String dn = text(in);
        String previous = text(in);
        int n = Short.toUnsignedInt(in.getShort());
        List<String> attributes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            attributes.add(text(in));
        }
        try {
            return new ChangeRecord(
                    seq,
                    Csn.parse(new String(csn, StandardCharsets.US_ASCII)),
                    kind,
                    uuid,
                    dn,
                    previous.isEmpty() ? null : previous,
                    attributes);
        } catch (SyncSyntaxException e) {
            throw new IllegalStateException("changelog record " + seq + " holds a bad CSN: " + e.getMessage(), e);
        }
    }

    private static void text(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException("changelog text longer than 65535 bytes");
        }
        short16(out, b.length);
        out.writeBytes(b);
    }

    private static void short16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static String text(ByteBuffer in) {
        byte[] b = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
