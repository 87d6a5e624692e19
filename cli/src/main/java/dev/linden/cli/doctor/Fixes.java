package dev.linden.cli.doctor;

/** What to change for each weakness doctor reports, for OpenLDAP, Active Directory and Linden. */
final class Fixes {
    private Fixes() {}

    static final Fix NO_PORT = new Fix(
            "Check that slapd runs and that SLAPD_SERVICES (slapd -h) lists ldap:/// and ldaps:/// on a reachable address",
            "Check the Netlogon and NTDS services, and that the firewall lets TCP 389 and 636 in",
            "Check that linden runs with listen.host set to a reachable address (0.0.0.0 for all)");
    static final Fix TLS_ON_PLAIN_PORT = new Fix(
            "List the plain port as ldap:/// and the TLS one as ldaps:/// in SLAPD_SERVICES; port 389 starts in clear",
            "Port 389 starts in clear (StartTLS); look for a TLS-terminating proxy or load balancer in front of it",
            "listen.port is plain LDAP with StartTLS; LDAPS belongs on listen.ldapsPort");
    static final Fix PLAIN_ON_TLS_PORT = new Fix(
            "Serve ldaps:///, not ldap:///, on port 636 (SLAPD_SERVICES or slapd -h), with olcTLSCertificateFile set",
            "Install a server certificate on the domain controller: port 636 then speaks TLS",
            "Use listen.ldapsPort for LDAPS; listen.port is plain LDAP");
    static final Fix ROOT_DSE_HIDDEN = new Fix(
            "Let everyone read the root DSE: olcAccess: {0}to dn.base=\"\" by * read",
            null, "Linden always publishes its root DSE; check a proxy or firewall in between");
    static final Fix NO_TLS = new Fix(
            "Set olcTLSCertificateFile and olcTLSCertificateKeyFile (and olcTLSCACertificateFile) on cn=config, "
                    + "and add ldaps:/// to SLAPD_SERVICES",
            "Enroll the domain controller for a certificate (Kerberos Authentication or Domain Controller template); "
                    + "LDAPS and StartTLS then work",
            "Add a tls: section to linden.yaml (certificate and privateKey, or keystore)");
    static final Fix STARTTLS_FAILS = new Fix(
            "Check olcTLSCertificateFile/olcTLSCertificateKeyFile: slapd advertises StartTLS but cannot complete it",
            "Check the domain controller's certificate (certlm.msc, Personal store)",
            "Check the tls: section's files (linden logs the reason at start)");
    static final Fix CERT_UNTRUSTED = new Fix(
            "Use a certificate from a CA the clients trust, with its intermediates after it in olcTLSCertificateFile",
            "Issue the certificate from an enterprise CA whose root the clients trust",
            "tls.certificate: the server certificate followed by its intermediates, from a CA the clients trust");
    static final Fix CERT_NAME = new Fix(
            "Reissue the certificate with every name clients use (and each SRV target) in subjectAltName",
            "Reissue the certificate with the DC's FQDN and the domain name in subjectAltName",
            "Reissue the certificate with every name clients use in subjectAltName (tls.certificate)");
    static final Fix CERT_EXPIRY = new Fix(
            "Renew the certificate and update olcTLSCertificateFile (slapd reads it again on change)",
            "Renew the certificate (autoenrollment, or certreq); LDAPS picks up the new one",
            "Renew the certificate files; Linden reloads them within seconds, without a restart");
    static final Fix CERT_KEY = new Fix(
            "Reissue with an RSA key of at least 2048 bits or an ECDSA P-256 key",
            "Use a certificate template with at least a 2048-bit RSA key",
            "Reissue with an RSA key of at least 2048 bits or an ECDSA P-256 key");
    static final Fix CERT_SIGNATURE = new Fix(
            "Reissue the certificate signed with SHA-256 or better",
            "Move the CA to SHA-256 (certutil -setreg ca\\csp\\CNGHashAlgorithm SHA256) and reissue",
            "Reissue the certificate signed with SHA-256 or better");
    static final Fix OLD_TLS = new Fix(
            "olcTLSProtocolMin: 3.3 (TLS 1.2 and later)",
            "Disable TLS 1.0 and 1.1: SCHANNEL\\Protocols\\TLS 1.0\\Server and TLS 1.1\\Server, Enabled=0",
            "Linden offers TLS 1.2 and 1.3 only; check a TLS proxy in front of it");
    static final Fix NO_MODERN_TLS = new Fix(
            "Use an OpenLDAP built with a current GnuTLS or OpenSSL, and olcTLSProtocolMin: 3.3",
            "Enable TLS 1.2 (SCHANNEL\\Protocols\\TLS 1.2\\Server, Enabled=1)",
            "Linden always offers TLS 1.2 and 1.3; check a TLS proxy in front of it");
    static final Fix WEAK_CIPHERS = new Fix(
            "olcTLSCipherSuite: SECURE256:+SECURE128:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2 (GnuTLS) or "
                    + "HIGH:!aNULL:!eNULL:!MD5:!RC4:!3DES (OpenSSL)",
            "Remove RC4, 3DES, NULL and export suites: SCHANNEL\\Ciphers, or the SSL Cipher Suite Order policy",
            "Linden offers forward-secret AEAD suites only; check a TLS proxy in front of it");
    static final Fix ANONYMOUS_READ = new Fix(
            "olcAccess: to * by users read by anonymous auth (and olcDisallows: bind_anon to refuse anonymous binds)",
            "Keep anonymous operations off (dSHeuristics 7th character 0) and remove ANONYMOUS LOGON from ACLs",
            "anonymousRead: false (the default), and no access rule that grants anonymous read");
    static final Fix ANONYMOUS_SECRETS = new Fix(
            "olcAccess: {0}to attrs=userPassword by self =w by anonymous auth by * none",
            "Remove read rights on password attributes (unicodePwd is never readable; check custom attributes)",
            "Linden never returns passwords; check for secrets kept in other attributes");
    static final Fix UNAUTHENTICATED_BIND = new Fix(
            "Remove bind_anon_dn from olcAllows (refused by default)",
            "Windows Server 2019 and later: set the DenyUnauthenticatedBind flag of dSHeuristics; make "
                    + "applications refuse empty passwords",
            "Linden refuses unauthenticated binds; check a proxy in between");
    static final Fix CLEARTEXT_BIND = new Fix(
            "olcSecurity: simple_bind=128 (simple binds need TLS), or tls=128 for everything",
            "Domain controller: LDAP server signing requirements = Require signing, and LDAP channel binding = Always",
            "security.requireTlsForBind: true (the default), with loopbackExempt only for this machine");
    static final Fix WEAK_SASL = new Fix(
            "olcSaslSecProps: noanonymous,noplain,nodict (drops DIGEST-MD5 and CRAM-MD5), or remove their Cyrus plugins",
            "DIGEST-MD5 stays in AD's list; have clients use GSSAPI (Kerberos) or simple binds over TLS",
            "Linden offers EXTERNAL, PLAIN (over TLS) and SCRAM-SHA-256 only");
    static final Fix CLDAP_ANSWERS = new Fix(
            "Remove cldap:/// from SLAPD_SERVICES",
            "Block UDP 389 at the network edge; domain members inside still need it",
            "cldap.enabled: false (the default), or keep rootDse: false and the rate limits if AD clients need it");
    static final Fix CLDAP_AMPLIFIES = new Fix(
            "Remove cldap:/// from SLAPD_SERVICES",
            "Block UDP 389 at the network edge now: this server can carry reflection attacks",
            "cldap.rootDse: false, and keep cldap.maxReplyRatio low");
    static final Fix SRV = new Fix(
            "Publish _ldap._tcp.<domain> SRV records whose targets resolve and are named in the certificate",
            "Re-register the DC's records (nltest /dsregdns, or restart Netlogon); check the DNS zone's SRV targets",
            "Publish _ldap._tcp.<domain> SRV records whose targets resolve and are named in the certificate");
    static final Fix CLOCK = new Fix(
            "Run NTP on the server (chrony or systemd-timesyncd)",
            "w32tm /resync; the PDC emulator should follow an external time source",
            "Run NTP on the server (chrony or systemd-timesyncd)");
    static final Fix CREDENTIALS = new Fix(
            "Check the DN and password (slapd's log shows the reason at loglevel stats)",
            "Check the account (locked, expired, wrong password); AD's diagnostic message has a data code",
            "Check the DN and password; linden's security log gives the reason");
}
