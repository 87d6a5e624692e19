package dev.linden.protocol.netlogon;

/**
 * Numbers of the LDAP ping (MS-ADTS 6.3.1 and 6.3.3): response opcodes, the DS_FLAG bits a domain
 * controller describes itself with, and the NETLOGON_NT_VERSION bits of a request's NtVer.
 */
public final class Netlogon {
    /** LOGON_SAM_LOGON_RESPONSE_EX: the answer; Linden never sends 25 (user unknown), see {@code LdapPing}. */
    public static final int OPCODE_RESPONSE_EX = 23;

    public static final int OPCODE_USER_UNKNOWN_EX = 25;

    public static final int FLAG_PDC = 0x1;
    public static final int FLAG_GC = 0x4;
    public static final int FLAG_LDAP = 0x8;
    public static final int FLAG_DS = 0x10;
    public static final int FLAG_KDC = 0x20;
    public static final int FLAG_TIMESERV = 0x40;
    public static final int FLAG_CLOSEST = 0x80;
    public static final int FLAG_WRITABLE = 0x100;
    public static final int FLAG_GOOD_TIMESERV = 0x200;
    public static final int FLAG_NDNC = 0x400;
    /** The host, domain and forest names are DNS names, and this domain is the forest's root. */
    public static final int FLAG_DNS_CONTROLLER = 0x20000000;

    public static final int FLAG_DNS_DOMAIN = 0x40000000;
    public static final int FLAG_DNS_FOREST = 0x80000000;

    public static final int NT_VERSION_1 = 0x1;
    public static final int NT_VERSION_5 = 0x2;
    public static final int NT_VERSION_5EX = 0x4;
    public static final int NT_VERSION_5EX_WITH_IP = 0x8;
    public static final int NT_VERSION_WITH_CLOSEST_SITE = 0x10;

    /** The attribute a ping asks for; the answer is its one value. */
    public static final String ATTRIBUTE = "Netlogon";

    private Netlogon() {}
}
