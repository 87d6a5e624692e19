package dev.linden.observability;

import dev.linden.protocol.op.*;

/** The kinds of LDAP operation, with the names metrics, logs and cn=monitor use for them. */
public enum OperationKind {
    BIND("bind", "BIND", "Bind"),
    SEARCH("search", "SRCH", "Search"),
    COMPARE("compare", "CMP", "Compare"),
    ADD("add", "ADD", "Add"),
    DELETE("delete", "DEL", "Delete"),
    MODIFY("modify", "MOD", "Modify"),
    MODIFY_DN("modify_dn", "MODRDN", "Modrdn"),
    EXTENDED("extended", "EXT", "Extended"),
    UNBIND("unbind", "UNBIND", "Unbind"),
    ABANDON("abandon", "ABANDON", "Abandon"),
    /** a response PDU sent as a request: answered with protocolError */
    OTHER("other", "OTHER", "Other");

    private static final OperationKind[] VALUES = values();
    private final String label;
    private final String logName;
    private final String monitorName;

    OperationKind(String label, String logName, String monitorName) {
        this.label = label;
        this.logName = logName;
        this.monitorName = monitorName;
    }

    public static OperationKind of(ProtocolOp op) {
        return switch (op) {
            case BindRequest r -> BIND;
            case SearchRequest r -> SEARCH;
            case CompareRequest r -> COMPARE;
            case AddRequest r -> ADD;
            case DeleteRequest r -> DELETE;
            case ModifyRequest r -> MODIFY;
            case ModifyDnRequest r -> MODIFY_DN;
            case ExtendedRequest r -> EXTENDED;
            case UnbindRequest r -> UNBIND;
            case AbandonRequest r -> ABANDON;
            default -> OTHER;
        };
    }

    public static OperationKind[] all() {
        return VALUES;
    }

    /** The Prometheus label value. */
    public String label() {
        return label;
    }

    /** The word in the access log's line format, after slapd's. */
    public String logName() {
        return logName;
    }

    /** The RDN value of its entry under cn=Operations,cn=Monitor, after OpenLDAP's back-monitor. */
    public String monitorName() {
        return monitorName;
    }
}
