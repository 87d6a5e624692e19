"""An application written with python-ldap (Debian python3-ldap) against a Linden test server.

Run by PythonClientsIT with /usr/bin/python3, with the same arguments and output as ldap3_client.py:
    python_ldap_client.py HOST PORT LDAPS_PORT CA_FILE SERVICE_DN SERVICE_PASSWORD BASE GROUP UID:PASSWORD...
The service account binds over LDAPS here, the users over StartTLS (the other way round from ldap3).
Exits non-zero (with the reason on stderr) on any error.
"""
import sys

import ldap
import ldap.dn
from ldap.controls import SimplePagedResultsControl
from ldap.filter import escape_filter_chars

IN_CHAIN = "1.2.840.113556.1.4.1941"
PAGE_SIZE = 4


def out(*fields):
    print("\t".join(str(f) for f in fields), flush=True)


def connect(url, ca_file):
    conn = ldap.initialize(url)
    conn.set_option(ldap.OPT_PROTOCOL_VERSION, 3)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.set_option(ldap.OPT_X_TLS_CACERTFILE, ca_file)
    conn.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_DEMAND)
    conn.set_option(ldap.OPT_X_TLS_NEWCTX, 0)  # apply the TLS options to this connection
    return conn


def main(host, port, ldaps_port, ca_file, service_dn, service_password, base, group, *users):
    service = connect("ldaps://%s:%s" % (host, ldaps_port), ca_file)
    service.simple_bind_s(service_dn, service_password)

    for user in users:
        uid, password = user.split(":", 1)
        found = service.search_s(base, ldap.SCOPE_SUBTREE, "(&(objectClass=person)(uid=%s)(memberOf:%s:=%s))"
                                 % (escape_filter_chars(uid), IN_CHAIN, escape_filter_chars(group)), ["1.1"])
        found = [(dn, attrs) for dn, attrs in found if dn is not None]  # no referrals here
        if len(found) != 1:
            out("flagship", uid, "deny", "-")
            continue
        dn = found[0][0]
        as_user = connect("ldap://%s:%s" % (host, port), ca_file)
        as_user.start_tls_s()
        try:
            as_user.simple_bind_s(dn, password)
            allowed = True
        except ldap.INVALID_CREDENTIALS:
            allowed = False
        as_user.unbind_s()
        out("flagship", uid, "allow" if allowed else "deny", dn)
        entry = service.search_s(dn, ldap.SCOPE_BASE, "(objectClass=*)", ["memberOf"])
        for value in entry[0][1].get("memberOf", []):
            out("memberOf", uid, value.decode("utf-8"))

    # A sync job's listing, a page at a time, with the Simple Paged Results control (RFC 2696).
    page = SimplePagedResultsControl(True, size=PAGE_SIZE, cookie=b"")
    pages = 0
    listed = []
    while True:
        msgid = service.search_ext(base, ldap.SCOPE_SUBTREE, "(objectClass=person)", ["cn"], serverctrls=[page])
        _, entries, _, controls = service.result3(msgid)
        pages += 1
        for dn, _ in entries:
            listed.append(dn)
            out("listed", dn)
        cookies = [c.cookie for c in controls if c.controlType == SimplePagedResultsControl.controlType]
        if not cookies or not cookies[0]:
            break
        page.cookie = cookies[0]
    out("pages", pages)
    for dn in listed:
        ldap.dn.str2dn(dn)  # libldap's own parser
        out("parsed", dn)
    for dn in listed:
        out("reread", service.search_s(dn, ldap.SCOPE_BASE, "(objectClass=*)", ["1.1"])[0][0])
    service.unbind_s()


if __name__ == "__main__":
    try:
        main(*sys.argv[1:])
    except Exception as e:
        print("python-ldap client failed: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        sys.exit(1)
