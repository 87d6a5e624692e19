package dev.linden.backend;

/** Entry IDs as 8-byte big-endian keys, so byte order is numeric order. */
final class Ids {
    private Ids() {}

    static byte[] bytes(long id) {
        byte[] b = new byte[8];
        put(b, 0, id);
        return b;
    }

    static void put(byte[] b, int offset, long id) {
        for (int i = 7; i >= 0; i--) {
            b[offset + i] = (byte) id;
            id >>>= 8;
        }
    }

    static long read(byte[] b, int offset) {
        long id = 0;
        for (int i = 0; i < 8; i++) {
            id = (id << 8) | (b[offset + i] & 0xFF);
        }
        return id;
    }
}
