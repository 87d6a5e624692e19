package dev.linden.server.config;

import static dev.linden.protocol.netlogon.Netlogon.*;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.linden.core.netlogon.NetlogonSettings;
import dev.linden.server.cldap.CldapSettings;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code netlogon} section (who this server says it is to Active Directory's LDAP ping, over TCP
 * and UDP) and the {@code cldap} section (the UDP listener and its limits), as YAML, with their
 * defaults and checks. Every name has a default from the suffix and this machine's name, so
 * {@code cldap: {enabled: true}} is a working configuration.
 */
public final class CldapConfig {
    /** DS_FLAG names accepted in {@code netlogon.flags}. */
    static final Map<String, Integer> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("pdc", FLAG_PDC);
        FLAGS.put("gc", FLAG_GC);
        FLAGS.put("ldap", FLAG_LDAP);
        FLAGS.put("ds", FLAG_DS);
        FLAGS.put("kdc", FLAG_KDC);
        FLAGS.put("timeserv", FLAG_TIMESERV);
        FLAGS.put("closest", FLAG_CLOSEST);
        FLAGS.put("writable", FLAG_WRITABLE);
        FLAGS.put("good_timeserv", FLAG_GOOD_TIMESERV);
    }

    private static final List<String> DEFAULT_FLAGS = List.of("ldap", "ds", "writable", "closest");
    private static final int NETBIOS_MAX = 15;

    private CldapConfig() {}

    public record Netlogon(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("dnsDomain") String dnsDomain,
            @JsonProperty("forest") String forest,
            @JsonProperty("hostName") String hostName,
            @JsonProperty("netbiosDomain") String netbiosDomain,
            @JsonProperty("netbiosName") String netbiosName,
            @JsonProperty("site") String site,
            @JsonProperty("domainGuid") String domainGuid,
            @JsonProperty("flags") List<String> flags,
            @JsonProperty("address") String address) {}

    public record Cldap(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("host") String host,
            @JsonProperty("port") Integer port,
            @JsonProperty("rootDse") Boolean rootDse,
            @JsonProperty("maxRequestBytes") Integer maxRequestBytes,
            @JsonProperty("maxReplyBytes") Integer maxReplyBytes,
            @JsonProperty("maxReplyRatio") Integer maxReplyRatio,
            @JsonProperty("sourceRate") Integer sourceRate,
            @JsonProperty("sourceBurst") Integer sourceBurst,
            @JsonProperty("globalRate") Integer globalRate,
            @JsonProperty("maxSources") Integer maxSources) {}

    /** The UDP listener's settings; its host defaults to the LDAP listener's. */
    static CldapSettings cldap(Cldap c, String listenHost, String origin) throws ConfigException {
        CldapSettings d = CldapSettings.OFF;
        if (c == null) {
            return new CldapSettings(
                    false,
                    listenHost,
                    d.port(),
                    d.rootDse(),
                    d.maxRequestBytes(),
                    d.maxReplyBytes(),
                    d.maxReplyRatio(),
                    d.sourceRate(),
                    d.sourceBurst(),
                    d.globalRate(),
                    d.maxSources());
        }
        int port = c.port() == null ? d.port() : c.port();
        if (port < 0 || port > 65535) {
            throw new ConfigException(origin + ": cldap.port " + port + " is not a UDP port (0-65535)");
        }
        int maxReply = between(c.maxReplyBytes(), d.maxReplyBytes(), 100, 65_000, "cldap.maxReplyBytes", origin);
        return new CldapSettings(
                Boolean.TRUE.equals(c.enabled()),
                c.host() == null ? listenHost : c.host(),
                port,
                Boolean.TRUE.equals(c.rootDse()),
                between(c.maxRequestBytes(), d.maxRequestBytes(), 64, 65_000, "cldap.maxRequestBytes", origin),
                maxReply,
                between(c.maxReplyRatio(), d.maxReplyRatio(), 1, 100, "cldap.maxReplyRatio", origin),
                between(c.sourceRate(), d.sourceRate(), 1, 1_000_000, "cldap.sourceRate", origin),
                between(c.sourceBurst(), d.sourceBurst(), 1, 1_000_000, "cldap.sourceBurst", origin),
                between(c.globalRate(), d.globalRate(), 1, 10_000_000, "cldap.globalRate", origin),
                between(c.maxSources(), d.maxSources(), 1, 10_000_000, "cldap.maxSources", origin));
    }

    /**
     * The ping's answer, or null when pings are not answered: {@code netlogon.enabled}, which defaults
     * to {@code cldap.enabled}.
     */
    static NetlogonSettings netlogon(Netlogon n, boolean cldapEnabled, String suffix, String origin)
            throws ConfigException {
        boolean enabled = n == null || n.enabled() == null ? cldapEnabled : n.enabled();
        if (!enabled) {
            return null;
        }
        Netlogon c = n == null ? new Netlogon(null, null, null, null, null, null, null, null, null, null) : n;
        String domain = dnsName(c.dnsDomain() != null ? c.dnsDomain() : domainOf(suffix), "netlogon.dnsDomain", origin);
        if (domain.isEmpty()) {
            throw new ConfigException(origin + ": netlogon.dnsDomain is needed: the suffix " + suffix
                    + " has no dc= components to make it from");
        }
        String forest = dnsName(c.forest() != null ? c.forest() : domain, "netlogon.forest", origin);
        String host = dnsName(c.hostName() != null ? c.hostName() : localHostName(domain), "netlogon.hostName", origin);
        String netbiosDomain = netbios(c.netbiosDomain(), domain, "netlogon.netbiosDomain", origin);
        String netbiosName = netbios(c.netbiosName(), host, "netlogon.netbiosName", origin);
        String site = c.site() == null ? "Default-First-Site-Name" : c.site();
        if (site.isEmpty() || site.contains(".") || site.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw new ConfigException(origin + ": netlogon.site '" + site + "' must be 1 to 63 bytes without a dot");
        }
        UUID guid;
        try {
            guid = c.domainGuid() != null
                    ? UUID.fromString(c.domainGuid())
                    : UUID.nameUUIDFromBytes(("linden-domain:" + domain).getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": netlogon.domainGuid '" + c.domainGuid()
                    + "' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }
        int flags = FLAG_DNS_CONTROLLER | FLAG_DNS_DOMAIN | (forest.equals(domain) ? FLAG_DNS_FOREST : 0);
        for (String f : c.flags() == null ? DEFAULT_FLAGS : c.flags()) {
            Integer bit = FLAGS.get(f.toLowerCase(Locale.ROOT));
            if (bit == null) {
                throw new ConfigException(
                        origin + ": netlogon.flags: unknown flag '" + f + "' (use " + FLAGS.keySet() + ")");
            }
            flags |= bit;
        }
        Inet4Address address = null;
        if (c.address() != null) {
            try {
                if (!c.address().matches("\\d{1,3}(\\.\\d{1,3}){3}")
                        || !(InetAddress.getByName(c.address()) instanceof Inet4Address a)) { // a literal: no look-up
                    throw new UnknownHostException();
                }
                address = a;
            } catch (UnknownHostException e) {
                throw new ConfigException(origin + ": netlogon.address '" + c.address() + "' is not an IPv4 address");
            }
        }
        return new NetlogonSettings(domain, forest, host, netbiosDomain, netbiosName, site, guid, flags, address);
    }

    /** "dc=corp,dc=example,dc=com" gives "corp.example.com": the dc= components in order. */
    static String domainOf(String suffix) {
        List<String> labels = new ArrayList<>();
        for (String rdn : suffix.split(",")) {
            String r = rdn.strip();
            if (r.regionMatches(true, 0, "dc=", 0, 3)) {
                labels.add(r.substring(3).strip());
            }
        }
        return String.join(".", labels).toLowerCase(Locale.ROOT);
    }

    /** This machine's name, in the domain unless it already has dots (the ping's DnsHostName). */
    private static String localHostName(String domain) {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "linden";
        }
        name = name.toLowerCase(Locale.ROOT);
        return name.contains(".") ? name : name + "." + domain;
    }

    private static String dnsName(String name, String key, String origin) throws ConfigException {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        for (String label : n.split("\\.", -1)) {
            int bytes = label.getBytes(StandardCharsets.UTF_8).length;
            if (!n.isEmpty() && (bytes == 0 || bytes > 63)) {
                throw new ConfigException(
                        origin + ": " + key + " '" + name + "' is not a DNS name (labels of 1 to 63 bytes)");
            }
        }
        if (n.getBytes(StandardCharsets.UTF_8).length > 253) {
            throw new ConfigException(origin + ": " + key + " '" + name + "' is longer than a DNS name may be");
        }
        return n;
    }

    /** A NetBIOS name: as configured, or the first label of {@code from} in upper case, cut to 15 characters. */
    private static String netbios(String given, String from, String key, String origin) throws ConfigException {
        String name = given != null ? given : from.split("\\.")[0].toUpperCase(Locale.ROOT);
        if (given == null && name.length() > NETBIOS_MAX) {
            name = name.substring(0, NETBIOS_MAX);
        }
        if (name.isEmpty() || name.length() > NETBIOS_MAX || name.contains(".")) {
            throw new ConfigException(origin + ": " + key + " '" + name + "' must be 1 to 15 characters without a dot");
        }
        return name;
    }

    private static int between(Integer v, int d, int min, int max, String key, String origin) throws ConfigException {
        int value = v == null ? d : v;
        if (value < min || value > max) {
            throw new ConfigException(
                    origin + ": " + key + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
