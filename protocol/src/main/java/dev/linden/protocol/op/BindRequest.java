package dev.linden.protocol.op;

/**
 * A bind request. Exactly one of {@code simplePassword} (simple bind) and {@code saslMechanism}
 * (SASL bind, with optional credentials) is set.
 */
public record BindRequest(int version, String name, byte[] simplePassword, String saslMechanism, byte[] saslCredentials)
        implements ProtocolOp {
    public static BindRequest simple(String name, byte[] password) {
        return new BindRequest(3, name, password, null, null);
    }

    public static BindRequest sasl(String name, String mechanism, byte[] credentials) {
        return new BindRequest(3, name, null, mechanism, credentials);
    }

    public boolean isSimple() {
        return saslMechanism == null;
    }
}
