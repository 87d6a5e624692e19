package dev.linden.cli.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cipher suites doctor offers in its own ClientHellos, by IANA code, with what each is worth.
 * The list reaches back to what old servers still accept (export, NULL, anonymous, RC4, DES, 3DES),
 * which is the point: the JDK will not offer those, so only a hand-made ClientHello can find them.
 */
final class CipherSuites {
    /** How a suite rates. */
    enum Grade {
        /** forward secret AEAD, or any TLS 1.3 suite */
        STRONG,
        /** CBC or without forward secrecy: acceptable, not ideal */
        ACCEPTABLE,
        /** 3DES (Sweet32): to be turned off */
        WEAK,
        /** no encryption, no authentication, export grade, RC4 or single DES: broken */
        BROKEN
    }

    record Suite(int code, String name, Grade grade) {}

    static final Map<Integer, Suite> ALL = new LinkedHashMap<>();

    static {
        strong(0x1301, "TLS_AES_128_GCM_SHA256");
        strong(0x1302, "TLS_AES_256_GCM_SHA384");
        strong(0x1303, "TLS_CHACHA20_POLY1305_SHA256");
        strong(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        strong(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        strong(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        strong(0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        strong(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        strong(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        strong(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
        strong(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
        strong(0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        ok(0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
        ok(0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384");
        ok(0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
        ok(0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
        ok(0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
        ok(0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA");
        ok(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
        ok(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
        ok(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
        ok(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA");
        ok(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256");
        ok(0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256");
        ok(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256");
        ok(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384");
        ok(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256");
        ok(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256");
        ok(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA");
        ok(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA");
        ok(0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA");
        ok(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA");
        weak(0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        weak(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA");
        weak(0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA");
        weak(0xC008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA");
        broken(0x0004, "TLS_RSA_WITH_RC4_128_MD5");
        broken(0x0005, "TLS_RSA_WITH_RC4_128_SHA");
        broken(0xC011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA");
        broken(0xC007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA");
        broken(0x0009, "TLS_RSA_WITH_DES_CBC_SHA");
        broken(0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA");
        broken(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5");
        broken(0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5");
        broken(0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA");
        broken(0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA");
        broken(0x0001, "TLS_RSA_WITH_NULL_MD5");
        broken(0x0002, "TLS_RSA_WITH_NULL_SHA");
        broken(0x003B, "TLS_RSA_WITH_NULL_SHA256");
        broken(0xC010, "TLS_ECDHE_RSA_WITH_NULL_SHA");
        broken(0xC006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA");
        broken(0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA");
        broken(0x003A, "TLS_DH_anon_WITH_AES_256_CBC_SHA");
        broken(0x006C, "TLS_DH_anon_WITH_AES_128_CBC_SHA256");
        broken(0x00A6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256");
        broken(0x001B, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA");
        broken(0x0018, "TLS_DH_anon_WITH_RC4_128_MD5");
        broken(0xC018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA");
        broken(0xC019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA");
    }

    private CipherSuites() {}

    private static void strong(int code, String name) {
        ALL.put(code, new Suite(code, name, Grade.STRONG));
    }

    private static void ok(int code, String name) {
        ALL.put(code, new Suite(code, name, Grade.ACCEPTABLE));
    }

    private static void weak(int code, String name) {
        ALL.put(code, new Suite(code, name, Grade.WEAK));
    }

    private static void broken(int code, String name) {
        ALL.put(code, new Suite(code, name, Grade.BROKEN));
    }

    /** The TLS 1.3 suites. */
    static List<Integer> tls13() {
        return List.of(0x1301, 0x1302, 0x1303);
    }

    /** Every suite of TLS 1.2 and before, strongest first (a server that picks the client's first gets a good one). */
    static List<Integer> upToTls12() {
        List<Integer> out = new ArrayList<>();
        for (int code : ALL.keySet()) {
            if (code >> 8 != 0x13) {
                out.add(code);
            }
        }
        return out;
    }

    static Suite of(int code) {
        Suite s = ALL.get(code);
        return s != null ? s : new Suite(code, String.format("0x%04X", code), Grade.ACCEPTABLE);
    }
}
