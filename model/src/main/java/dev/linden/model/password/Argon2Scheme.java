package dev.linden.model.password;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * {ARGON2} in the PHC string format that OpenLDAP's argon2 module writes and verifies through libargon2:
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, base64 without padding. Verification
 * reads the variant (i, d, id), version and costs from the stored string, so values from slappasswd
 * (argon2i, m=4096, t=3) verify as well as ours.
 */
public final class Argon2Scheme implements PasswordScheme {

    public static final String NAME = "ARGON2";

    @Override
    public boolean isSlow() {
        return true;
    }

    /** OWASP's minimum recommendation for argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final int DEFAULT_MEMORY_KIB = 19_456;

    public static final int DEFAULT_ITERATIONS = 2;
    public static final int DEFAULT_PARALLELISM = 1;

    /**
     * Costs above these are treated as malformed rather than computed, so a hostile or corrupt stored
     * value cannot exhaust the heap or a CPU. Note 4 GiB still exceeds most heaps: deployments with a
     * small heap should pass a lower ceiling to the constructor.
     */
    public static final long DEFAULT_MAX_MEMORY_KIB = 4L * 1024 * 1024;

    static final int MAX_ITERATIONS = 10_000_000;

    static final int SALT_LENGTH = 16;
    static final int HASH_LENGTH = 32;
    // libargon2's own minimums (ARGON2_MIN_SALT_LENGTH, ARGON2_MIN_OUTLEN); the maximums are ours.
    private static final int MIN_SALT_LENGTH = 8;
    private static final int MIN_HASH_LENGTH = 4;
    private static final int MAX_SALT_LENGTH = 1024;
    private static final int MAX_HASH_LENGTH = 1024;

    private static final int VERSION_10 = 16;
    private static final int VERSION_13 = 19;

    private final SecureRandom random;
    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final long maxMemoryKiB;

    public Argon2Scheme(SecureRandom random) {
        this(random, DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM, DEFAULT_MAX_MEMORY_KIB);
    }

    /** Costs for new hashes, and the memory ceiling above which stored values are rejected unread. */
    public Argon2Scheme(SecureRandom random, int memoryKiB, int iterations, int parallelism, long maxMemoryKiB) {
        if (parallelism < 1
                || memoryKiB < 8L * parallelism
                || memoryKiB > maxMemoryKiB
                || iterations < 1
                || iterations > MAX_ITERATIONS
                || maxMemoryKiB > DEFAULT_MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 costs out of range");
        }
        this.random = Objects.requireNonNull(random, "random");
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.maxMemoryKiB = maxMemoryKiB;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String hash(byte[] clear) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return hash(clear, salt);
    }

    /** Hashes with a given salt: for known-answer tests against the reference argon2 tool. */
    String hash(byte[] clear, byte[] salt) {
        byte[] out = new byte[HASH_LENGTH];
        derive(Argon2Parameters.ARGON2_id, VERSION_13, memoryKiB, iterations, parallelism, salt, clear, out);
        return "$argon2id$v=" + VERSION_13 + "$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                + PasswordEncoding.base64NoPad(salt) + "$" + PasswordEncoding.base64NoPad(out);
    }

    @Override
    public boolean verify(byte[] clear, String storedWithoutPrefix) {
        if (clear == null || storedWithoutPrefix == null) {
            return false;
        }
        // "", variant, [v=..], m=..,t=..,p=.., salt, hash. libargon2 reads a missing version as 0x10.
        String[] f = storedWithoutPrefix.split("\\$", -1);
        if ((f.length != 5 && f.length != 6) || !f[0].isEmpty()) {
            return false;
        }
        int type = switch (f[1]) {
            case "argon2i" -> Argon2Parameters.ARGON2_i;
            case "argon2d" -> Argon2Parameters.ARGON2_d;
            case "argon2id" -> Argon2Parameters.ARGON2_id;
            default -> -1;
        };
        int version = VERSION_10;
        if (f.length == 6) {
            version = f[2].startsWith("v=") ? (int) PasswordEncoding.decimal(f[2].substring(2), VERSION_13) : -1;
        }
        String[] costs = f[f.length - 3].split(",", -1);
        if (type < 0 || (version != VERSION_10 && version != VERSION_13) || costs.length != 3) {
            return false;
        }
        long m = cost(costs[0], "m=", maxMemoryKiB);
        long t = cost(costs[1], "t=", MAX_ITERATIONS);
        long p = cost(costs[2], "p=", maxMemoryKiB / 8);
        byte[] salt = PasswordEncoding.base64(f[f.length - 2], MAX_SALT_LENGTH);
        byte[] expected = PasswordEncoding.base64(f[f.length - 1], MAX_HASH_LENGTH);
        // libargon2 requires at least 8 KiB per lane (ARGON2_MIN_MEMORY); Bouncy Castle would silently raise
        // the memory instead, which could accept a value libargon2 rejects.
        if (m < 1
                || t < 1
                || p < 1
                || m < 8 * p
                || salt == null
                || salt.length < MIN_SALT_LENGTH
                || expected == null
                || expected.length < MIN_HASH_LENGTH
                || hasPadding(f)) {
            return false;
        }
        byte[] actual = new byte[expected.length];
        derive(type, version, (int) m, (int) t, (int) p, salt, clear, actual);
        return MessageDigest.isEqual(actual, expected);
    }

    private static long cost(String field, String key, long max) {
        return field.startsWith(key) ? PasswordEncoding.decimal(field.substring(key.length()), max) : -1;
    }

    /** The PHC format forbids padding, and libargon2 rejects it; so do we, to agree on what is valid. */
    private static boolean hasPadding(String[] f) {
        return f[f.length - 2].indexOf('=') >= 0 || f[f.length - 1].indexOf('=') >= 0;
    }

    private static void derive(int type, int version, int m, int t, int p, byte[] salt, byte[] clear, byte[] out) {
        Argon2Parameters params = new Argon2Parameters.Builder(type)
                .withVersion(version)
                .withMemoryAsKB(m)
                .withIterations(t)
                .withParallelism(p)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        generator.generateBytes(clear, out);
    }
}
