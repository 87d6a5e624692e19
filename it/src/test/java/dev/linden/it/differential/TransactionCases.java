package dev.linden.it.differential;

import static dev.linden.it.differential.Case.write;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.ExtendedRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.UpdatableLDAPRequest;
import com.unboundid.ldap.sdk.controls.TransactionSpecificationRequestControl;
import com.unboundid.ldap.sdk.extensions.EndTransactionExtendedRequest;
import com.unboundid.ldap.sdk.extensions.EndTransactionExtendedResult;
import com.unboundid.ldap.sdk.extensions.StartTransactionExtendedRequest;
import com.unboundid.ldap.sdk.extensions.StartTransactionExtendedResult;
import java.util.List;
import java.util.function.BiFunction;

/**
 * LDAP transactions (RFC 5805) with the UnboundID SDK's classes, against slapd's: updates queued under
 * a transaction ID (each answered at once), then committed together or not at all, or aborted; what
 * the server says to a transaction ID it does not know, to a second transaction, and to the control
 * on an operation it does not apply to. Each case's subtree afterwards shows what was committed.
 *
 * <p>Not compared, because slapd 2.5 cannot do them: a rename in a transaction (slapd crashes, having
 * moved the entry), and deleting an entry whose children the same transaction deleted first (slapd
 * answers other). {@code TransactionIT} runs them against Linden alone.
 */
public final class TransactionCases {
    private TransactionCases() {}

    /** Requests made for the case's subtree, each sent with the transaction specification control. */
    private static Case.Action transaction(
            boolean commit, List<BiFunction<Server, Integer, UpdatableLDAPRequest>> updates) {
        return (s, o) -> {
            try (Admin a = admin(s)) {
                LDAPConnection c = a.c();
                var start = (StartTransactionExtendedResult)
                        c.processExtendedOperation(new StartTransactionExtendedRequest());
                o.result("start", start);
                var control = new TransactionSpecificationRequestControl(start.getTransactionID());
                for (int i = 0; i < updates.size(); i++) {
                    UpdatableLDAPRequest r = updates.get(i).apply(s, i);
                    r.addControl(control);
                    o.result("update " + i, send(c, r));
                }
                LDAPResult end = Ops.call(() -> c.processExtendedOperation(
                        new EndTransactionExtendedRequest(start.getTransactionID(), commit)));
                o.result("end", end);
                if (end instanceof EndTransactionExtendedResult e) {
                    o.put("failed update", e.getFailedOpMessageID() > 0 ? "one" : "none");
                }
            }
        };
    }

    /**
     * A connection of its own as the administrator. Closing it sends a Who am I? first: slapd 2.5 has
     * crashed when a connection closed right after ending a transaction (a race in its clean-up).
     */
    static Admin admin(Server s) throws Exception {
        LDAPConnection c = s.connect();
        c.bind(BindCases.ADMIN, "admin-secret");
        return new Admin(c);
    }

    /** The administrator's connection of a case, closed after a last Who am I? (see {@link #admin}). */
    record Admin(LDAPConnection c) implements AutoCloseable {
        @Override
        public void close() {
            Ops.call(() -> c.processExtendedOperation(new com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest()));
            c.close();
        }
    }

    static LDAPResult send(LDAPConnection c, UpdatableLDAPRequest r) {
        return Ops.call(() -> switch (r) {
            case AddRequest a -> c.add(a);
            case DeleteRequest d -> c.delete(d);
            case ModifyRequest m -> c.modify(m);
            case com.unboundid.ldap.sdk.ModifyDNRequest m -> c.modifyDN(m);
            default -> throw new IllegalArgumentException(r.toString());
        });
    }

    private static UpdatableLDAPRequest addOu(Server s, String rdn) {
        return new AddRequest(
                s.dn(rdn),
                new Attribute("objectClass", "organizationalUnit"),
                new Attribute("ou", rdn.substring(3).replaceAll(",.*", "")));
    }

    private static UpdatableLDAPRequest addPerson(Server s, String rdn) {
        return new AddRequest(
                s.dn(rdn), new Attribute("objectClass", "person"), new Attribute("cn", "n"), new Attribute("sn", "n"));
    }

    private static LDAPResult extended(LDAPConnection c, String oid, byte[] value) {
        return Ops.call(() -> c.processExtendedOperation(
                new ExtendedRequest(oid, value == null ? null : new ASN1OctetString(value))));
    }

    public static List<Case> all() {
        return List.of(
                write(
                        "transaction adding a parent and its child",
                        transaction(
                                true, List.of((s, i) -> addOu(s, "ou=new"), (s, i) -> addPerson(s, "cn=n,ou=new")))),
                write(
                        "transaction adding, modifying and deleting",
                        transaction(
                                true,
                                List.of(
                                        (s, i) -> new ModifyRequest(
                                                s.dn("uid=p1"),
                                                new Modification(
                                                        ModificationType.REPLACE, "description", "in a transaction")),
                                        (s, i) -> new DeleteRequest(s.dn("uid=c2,ou=sub")),
                                        (s, i) -> addPerson(s, "cn=n,ou=target")))),
                write(
                        "transaction with a failing update commits nothing",
                        transaction(
                                true,
                                List.of(
                                        (s, i) -> addOu(s, "ou=new"),
                                        (s, i) -> addPerson(s, "uid=p1"),
                                        (s, i) -> new ModifyRequest(
                                                s.dn("uid=p1"),
                                                new Modification(ModificationType.REPLACE, "sn", "x"))))),
                write(
                        "transaction whose later update fails on an earlier one",
                        transaction(
                                true,
                                List.of(
                                        (s, i) -> new DeleteRequest(s.dn("uid=c1,ou=sub")),
                                        (s, i) -> new ModifyRequest(
                                                s.dn("uid=c1,ou=sub"),
                                                new Modification(ModificationType.REPLACE, "sn", "x"))))),
                write(
                        "transaction aborted",
                        transaction(
                                false,
                                List.of((s, i) -> addOu(s, "ou=new"), (s, i) -> new DeleteRequest(s.dn("uid=p1"))))),
                write("empty transaction", transaction(true, List.of())),
                write("update with an unknown transaction", (s, o) -> {
                    try (Admin a = admin(s)) {
                        LDAPConnection c = a.c();
                        UpdatableLDAPRequest r = addOu(s, "ou=new");
                        r.addControl(new TransactionSpecificationRequestControl(new ASN1OctetString("no-such-txn")));
                        o.result("update", send(c, r));
                    }
                }),
                write("end of an unknown transaction", (s, o) -> {
                    try (Admin a = admin(s)) {
                        LDAPConnection c = a.c();
                        o.result(
                                "end",
                                Ops.call(() -> c.processExtendedOperation(
                                        new EndTransactionExtendedRequest(new ASN1OctetString("no-such-txn"), true))));
                    }
                }),
                write("end without a value", (s, o) -> {
                    try (Admin a = admin(s)) {
                        LDAPConnection c = a.c();
                        o.result("end", extended(c, "1.3.6.1.1.21.3", null));
                    }
                }),
                write("start with a value", (s, o) -> {
                    try (Admin a = admin(s)) {
                        LDAPConnection c = a.c();
                        o.result("start", extended(c, "1.3.6.1.1.21.1", new byte[] {4, 0}));
                    }
                }),
                write("two transactions at once", (s, o) -> {
                    try (Admin a = admin(s)) {
                        LDAPConnection c = a.c();
                        o.result("first", c.processExtendedOperation(new StartTransactionExtendedRequest()));
                        o.result(
                                "second",
                                Ops.call(() -> c.processExtendedOperation(new StartTransactionExtendedRequest())));
                    }
                }),
                write("transaction control on a search", (s, o) -> {
                    try (Admin a = admin(s)) {
                        LDAPConnection c = a.c();
                        var start = (StartTransactionExtendedResult)
                                c.processExtendedOperation(new StartTransactionExtendedRequest());
                        SearchRequest r = new SearchRequest(s.base(), SearchScope.BASE, "(objectClass=*)", "1.1");
                        r.addControl(new TransactionSpecificationRequestControl(start.getTransactionID()));
                        o.result("search", Ops.search(c, r));
                    }
                }),
                write("transaction committed twice", (s, o) -> {
                    try (Admin a = admin(s)) {
                        LDAPConnection c = a.c();
                        var start = (StartTransactionExtendedResult)
                                c.processExtendedOperation(new StartTransactionExtendedRequest());
                        UpdatableLDAPRequest add = addOu(s, "ou=new");
                        add.addControl(new TransactionSpecificationRequestControl(start.getTransactionID()));
                        o.result("update", send(c, add));
                        o.result(
                                "end",
                                Ops.call(() -> c.processExtendedOperation(
                                        new EndTransactionExtendedRequest(start.getTransactionID(), true))));
                        o.result(
                                "again",
                                Ops.call(() -> c.processExtendedOperation(
                                        new EndTransactionExtendedRequest(start.getTransactionID(), true))));
                    }
                }));
    }
}
