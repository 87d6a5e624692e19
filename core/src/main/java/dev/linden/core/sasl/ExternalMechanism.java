package dev.linden.core.sasl;

import dev.linden.core.Session;
import dev.linden.model.LdapException;
import dev.linden.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * EXTERNAL (RFC 4422 appendix A, RFC 4513 5.2.1.2): the client is who its TLS certificate says,
 * the certificate having been checked against {@code tls.clientCa} during the handshake. The
 * certificate names an entry by the configured rule: its subject DN is the entry's DN, or a filter
 * built from its values finds exactly one entry. The client's message, when not empty, is the
 * authzId it asks for. Not over TLS: inappropriateAuthentication; no certificate or no entry:
 * invalidCredentials.
 */
final class ExternalMechanism implements SaslMechanism {
    static final String NAME = "EXTERNAL";
    private static final String EMAIL_OID = "1.2.840.113549.1.9.1";
    private static final Map<String, String> KEYWORDS = Map.of(EMAIL_OID, "EMAILADDRESS");
    private final Identities identities;
    private final SaslConfig config;

    ExternalMechanism(Identities identities, SaslConfig config) {
        this.identities = identities;
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SaslExchange begin(Session session) {
        return SaslExchange.stateless(NAME, (response, guard) -> authenticate(session, response)); // no password
    }

    private SaslOutcome authenticate(Session session, byte[] response) throws LdapException {
        if (!session.isSecure()) {
            throw new LdapException(
                    ResultCode.INAPPROPRIATE_AUTHENTICATION,
                    "SASL EXTERNAL needs a TLS client certificate (use LDAPS or StartTLS)");
        }
        Certificate[] chain = session.peerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            throw new LdapException(
                    ResultCode.INVALID_CREDENTIALS, "SASL EXTERNAL: no client certificate was presented");
        }
        Identity identity = map(certificate);
        if (identity == null) {
            throw new LdapException(ResultCode.INVALID_CREDENTIALS, "");
        }
        String authzId = response == null ? "" : new String(response, StandardCharsets.UTF_8);
        return new SaslOutcome.Authenticated(identity, authzId, null);
    }

    /** The identity the certificate names under the configured rule, or null. */
    Identity map(X509Certificate certificate) throws LdapException {
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, KEYWORDS);
        return switch (config.externalMapping()) {
            case SUBJECT -> identities.byDn(subject);
            case SEARCH -> {
                String filter = config.externalFilterFor(name -> value(certificate, subject, name));
                yield filter == null ? null : identities.bySearch(filter);
            }
        };
    }

    /** A placeholder's value: the subject's CN or UID, its e-mail address (subject or alternative name), the subject DN. */
    static String value(X509Certificate certificate, String subject, String placeholder) {
        return switch (placeholder) {
            case "subject" -> subject;
            case "cn" -> attribute(subject, "CN");
            case "uid" -> attribute(subject, "UID");
            case "email" -> {
                String email = attribute(subject, "EMAILADDRESS");
                yield email != null ? email : rfc822Name(certificate);
            }
            default -> null;
        };
    }

    /** The most specific value of this attribute type in the DN, or null. */
    private static String attribute(String dn, String type) {
        try {
            List<Rdn> rdns = new LdapName(dn).getRdns(); // least significant last
            for (int i = rdns.size() - 1; i >= 0; i--) {
                var attributes = rdns.get(i).toAttributes();
                var a = attributes.get(type.toLowerCase(Locale.ROOT));
                if (a != null && a.get() instanceof String s) {
                    return s;
                }
            }
            return null;
        } catch (javax.naming.NamingException e) {
            return null;
        }
    }

    private static String rfc822Name(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (name.size() >= 2 && Integer.valueOf(1).equals(name.get(0)) && name.get(1) instanceof String s) {
                        return s;
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no usable alternative names
        }
        return null;
    }
}
