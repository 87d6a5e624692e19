package dev.linden.model.matching;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The matching rules this server implements, by OID and by name (case-insensitive). */
public final class MatchingRules {
    /** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN, evaluated by the backend over group membership. */
    public static final String IN_CHAIN_OID = "1.2.840.113556.1.4.1941";

    private final Map<String, MatchingRule> byKey = new HashMap<>();

    public MatchingRules() {
        for (MatchingRule rule : List.<MatchingRule>of(
                new ObjectIdentifierRule("2.5.13.0", "objectIdentifierMatch"),
                new DistinguishedNameRule("2.5.13.1", "distinguishedNameMatch"),
                new StringRule("2.5.13.2", "caseIgnoreMatch", true, false),
                new StringRule("2.5.13.3", "caseIgnoreOrderingMatch", true, false),
                new StringRule("2.5.13.4", "caseIgnoreSubstringsMatch", true, false),
                new StringRule("2.5.13.5", "caseExactMatch", false, false),
                new StringRule("2.5.13.6", "caseExactOrderingMatch", false, false),
                new StringRule("2.5.13.7", "caseExactSubstringsMatch", false, false),
                new NumericStringRule("2.5.13.8", "numericStringMatch", false),
                new NumericStringRule("2.5.13.9", "numericStringOrderingMatch", false),
                new NumericStringRule("2.5.13.10", "numericStringSubstringsMatch", false),
                new CaseIgnoreListRule("2.5.13.11", "caseIgnoreListMatch"),
                new CaseIgnoreListRule("2.5.13.12", "caseIgnoreListSubstringsMatch"),
                new BooleanRule("2.5.13.13", "booleanMatch"),
                new IntegerRule("2.5.13.14", "integerMatch"),
                new IntegerRule("2.5.13.15", "integerOrderingMatch"),
                new OctetStringRule("2.5.13.16", "bitStringMatch"),
                new OctetStringRule("2.5.13.17", "octetStringMatch"),
                new OctetStringRule("2.5.13.18", "octetStringOrderingMatch"),
                new NumericStringRule("2.5.13.20", "telephoneNumberMatch", true),
                new NumericStringRule("2.5.13.21", "telephoneNumberSubstringsMatch", true),
                new UniqueMemberRule("2.5.13.23", "uniqueMemberMatch"),
                new GeneralizedTimeRule("2.5.13.27", "generalizedTimeMatch"),
                new GeneralizedTimeRule("2.5.13.28", "generalizedTimeOrderingMatch"),
                new FirstComponentRule("2.5.13.29", "integerFirstComponentMatch"),
                new FirstComponentRule("2.5.13.30", "objectIdentifierFirstComponentMatch"),
                new FirstComponentRule("2.5.13.31", "directoryStringFirstComponentMatch"),
                new WordRule("2.5.13.32", "wordMatch"),
                new WordRule("2.5.13.33", "keywordMatch"),
                new OctetStringRule("2.5.13.34", "certificateExactMatch"),
                new StringRule("1.3.6.1.4.1.1466.109.114.1", "caseExactIA5Match", false, true),
                new StringRule("1.3.6.1.4.1.1466.109.114.2", "caseIgnoreIA5Match", true, true),
                new StringRule("1.3.6.1.4.1.1466.109.114.3", "caseIgnoreIA5SubstringsMatch", true, true),
                new StringRule("1.3.6.1.4.1.4203.1.2.1", "caseExactIA5SubstringsMatch", false, true),
                new UuidRule("1.3.6.1.1.16.2", "uuidMatch"),
                new UuidRule("1.3.6.1.1.16.3", "uuidOrderingMatch"),
                new OctetStringRule("1.3.6.1.4.1.4203.666.11.2.2", "CSNMatch"),
                new OctetStringRule("1.3.6.1.4.1.4203.666.11.2.3", "CSNOrderingMatch"),
                new DistinguishedNameRule(IN_CHAIN_OID, "inChainMatch"))) {
            byKey.put(rule.oid(), rule);
            byKey.put(rule.name().toLowerCase(Locale.ROOT), rule);
        }
    }

    /** The rule with this OID or name, or null. */
    public MatchingRule get(String oidOrName) {
        return oidOrName == null ? null : byKey.get(oidOrName.toLowerCase(Locale.ROOT));
    }
}
