package dev.linden.core.control;

import dev.linden.core.Oids;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.AddRequest;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.CompareRequest;
import dev.linden.protocol.op.DeleteRequest;
import dev.linden.protocol.op.ExtendedRequest;
import dev.linden.protocol.op.ModifyDnRequest;
import dev.linden.protocol.op.ModifyRequest;
import dev.linden.protocol.op.ProtocolOp;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.sync.SyncRequestControl;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The request controls this server understands and the operations each applies to, as slapd masks
 * them. A critical control that is unknown, or known but not for this operation, fails the operation
 * with unavailableCriticalExtension (RFC 4511 4.1.11); a non-critical one is ignored. A control this
 * server understands given twice in one request is a protocolError, as in slapd.
 */
public final class KnownControls {
    private static final Predicate<ProtocolOp> SEARCH = op -> op instanceof SearchRequest;
    private static final Predicate<ProtocolOp> READ = op -> op instanceof SearchRequest || op instanceof CompareRequest;
    private static final Predicate<ProtocolOp> UPDATE = op -> op instanceof AddRequest
            || op instanceof DeleteRequest
            || op instanceof ModifyRequest
            || op instanceof ModifyDnRequest;
    private static final Predicate<ProtocolOp> NOT_BIND = op -> !(op instanceof BindRequest);
    private static final Predicate<ProtocolOp> ANY = op -> true;

    private static final Map<String, Predicate<ProtocolOp>> APPLIES = new LinkedHashMap<>();
    /** Controls that take no value: one with a value is a protocolError, as slapd parses them. */
    private static final Set<String> NO_VALUE =
            Set.of(Oids.MANAGE_DSA_IT, Oids.DONT_USE_COPY, Oids.PERMISSIVE_MODIFY, Oids.SUBTREE_DELETE);

    static {
        APPLIES.put(Oids.PAGED_RESULTS, SEARCH);
        APPLIES.put(Oids.MANAGE_DSA_IT, NOT_BIND.and(op -> !(op instanceof ExtendedRequest)));
        APPLIES.put(Oids.PROXIED_AUTHORIZATION, NOT_BIND);
        APPLIES.put(Oids.PASSWORD_POLICY, ANY);
        APPLIES.put(SyncRequestControl.OID, SEARCH);
        APPLIES.put(Oids.ASSERTION, READ.or(UPDATE));
        APPLIES.put(
                Oids.PRE_READ,
                op -> op instanceof DeleteRequest || op instanceof ModifyRequest || op instanceof ModifyDnRequest);
        APPLIES.put(
                Oids.POST_READ,
                op -> op instanceof AddRequest || op instanceof ModifyRequest || op instanceof ModifyDnRequest);
        APPLIES.put(Oids.MATCHED_VALUES, SEARCH);
        APPLIES.put(Oids.PERMISSIVE_MODIFY, op -> op instanceof ModifyRequest);
        APPLIES.put(Oids.DONT_USE_COPY, READ);
        APPLIES.put(Oids.SORT_REQUEST, SEARCH);
        APPLIES.put(Oids.VLV_REQUEST, SEARCH);
        APPLIES.put(Oids.DEREF, SEARCH);
        APPLIES.put(Oids.SUBTREE_DELETE, op -> op instanceof DeleteRequest);
        APPLIES.put(Oids.TRANSACTION_SPECIFICATION, UPDATE);
        APPLIES.put(Oids.PERSISTENT_SEARCH, SEARCH);
    }

    private KnownControls() {}

    /** The controls published in the root DSE's supportedControl. */
    public static List<String> advertised() {
        return List.copyOf(APPLIES.keySet());
    }

    /** Whether this server acts on the control in this operation. */
    public static boolean applies(String oid, ProtocolOp op) {
        Predicate<ProtocolOp> p = APPLIES.get(oid);
        return p != null && p.test(op);
    }

    /** Refuses what RFC 4511 4.1.11 and slapd refuse: unavailable critical controls, known controls given twice. */
    public static void check(List<Control> controls, ProtocolOp op) throws LdapException {
        Set<String> seen = new HashSet<>();
        for (Control c : controls) {
            boolean applies = applies(c.oid(), op);
            if (c.critical() && !applies) {
                throw new LdapException(
                        ResultCode.UNAVAILABLE_CRITICAL_EXTENSION, "critical control " + c.oid() + " is not supported");
            }
            if (APPLIES.containsKey(c.oid()) && !seen.add(c.oid())) {
                throw new LdapException(ResultCode.PROTOCOL_ERROR, "control " + c.oid() + " specified multiple times");
            }
            if (applies && NO_VALUE.contains(c.oid())) {
                ControlValues.noValue(c, c.oid());
            }
        }
    }

    /** The request's control with this OID, or null (controls are unique per request once checked). */
    public static Control find(List<Control> controls, String oid) {
        for (Control c : controls) {
            if (c.oid().equals(oid)) {
                return c;
            }
        }
        return null;
    }
}
