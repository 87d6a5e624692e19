"""An application written with ldap3 (Debian python3-ldap3) against a Linden test server.

Run by PythonClientsIT with /usr/bin/python3:
    ldap3_client.py HOST PORT LDAPS_PORT CA_FILE SERVICE_DN SERVICE_PASSWORD BASE GROUP UID:PASSWORD...

Prints what it saw, one fact per line, tab-separated, for the test to check:
    flagship <uid> allow|deny <dn found or ->     the application's decision for each user
    memberOf <uid> <value>                         the groups read back from the user's own entry
    listed <dn>                                    every entry of a paged listing of BASE
    pages <n>                                      how many pages that took
    parsed <dn>                                    each listed DN that ldap3's strict parse_dn takes apart
    reread <dn>                                    the DN a base search by each listed DN returns
Exits non-zero (with the reason on stderr) on any error, including ldap3 refusing a DN.
"""
import ssl
import sys

from ldap3 import BASE, SUBTREE, Connection, Server, Tls
from ldap3.utils.conv import escape_filter_chars
from ldap3.utils.dn import parse_dn

IN_CHAIN = "1.2.840.113556.1.4.1941"
PAGE_SIZE = 4


def out(*fields):
    print("\t".join(str(f) for f in fields), flush=True)


def main(host, port, ldaps_port, ca_file, service_dn, service_password, base, group, *users):
    tls = Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=ca_file, version=ssl.PROTOCOL_TLS_CLIENT)
    plain = Server(host, port=int(port), tls=tls, get_info=None)

    # The service account binds over StartTLS, verifying the server's certificate against the test CA.
    service = Connection(plain, user=service_dn, password=service_password, raise_exceptions=True)
    service.open()
    service.start_tls()
    service.bind()

    for user in users:
        uid, password = user.split(":", 1)
        # One query: the user, only if a member of the group through any depth of nesting.
        service.search(base, "(&(objectClass=person)(uid=%s)(memberOf:%s:=%s))"
                       % (escape_filter_chars(uid), IN_CHAIN, escape_filter_chars(group)),
                       search_scope=SUBTREE, attributes=["1.1"])
        if len(service.entries) != 1:
            out("flagship", uid, "deny", "-")
            continue
        dn = service.entries[0].entry_dn
        # The password is checked by binding as the user, over LDAPS this time.
        secure = Server(host, port=int(ldaps_port), use_ssl=True, tls=tls, get_info=None)
        as_user = Connection(secure, user=dn, password=password, raise_exceptions=False)
        allowed = as_user.bind()
        as_user.unbind()
        out("flagship", uid, "allow" if allowed else "deny", dn)
        # Applications read the user's groups next, addressing the entry by the DN they were given.
        service.search(dn, "(objectClass=*)", search_scope=BASE, attributes=["memberOf"])
        for value in service.entries[0].entry_attributes_as_dict.get("memberOf", []):
            out("memberOf", uid, value)

    # A sync job's listing, a page at a time, through ldap3's own paging generator.
    pages = 0
    listed = []
    cookie = None
    while True:
        service.search(base, "(objectClass=person)", search_scope=SUBTREE, attributes=["cn"],
                       paged_size=PAGE_SIZE, paged_cookie=cookie)
        pages += 1
        cookie = service.result["controls"]["1.2.840.113556.1.4.319"]["value"]["cookie"]
        if not cookie:
            break
    for entry in service.extend.standard.paged_search(base, "(objectClass=person)", search_scope=SUBTREE,
                                                      attributes=["cn"], paged_size=PAGE_SIZE, generator=True):
        if entry.get("type") == "searchResEntry":
            listed.append(entry["dn"])
            out("listed", entry["dn"])
    out("pages", pages)
    for dn in listed:
        parse_dn(dn)  # as applications do to take a DN apart: refuses an unescaped '=' or '#'
        out("parsed", dn)
    for dn in listed:
        service.search(dn, "(objectClass=*)", search_scope=BASE, attributes=["1.1"])
        out("reread", service.response[0]["dn"])
    service.unbind()


if __name__ == "__main__":
    try:
        main(*sys.argv[1:])
    except Exception as e:  # the test shows this line: what failed, in ldap3's words
        print("ldap3 client failed: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        sys.exit(1)
