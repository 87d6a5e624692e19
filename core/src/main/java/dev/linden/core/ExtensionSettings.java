package dev.linden.core;

import java.util.List;

/**
 * The settings of the controls and extended operations beyond the core of LDAP, each a bound on what
 * one client may make the server hold.
 *
 * @param defaultReferrals LDAP URLs a name outside every naming context is referred to (a referral
 *     result); empty: noSuchObject, as without the setting
 * @param subtreeDeleteLimit the most entries one subtree delete removes (in one transaction);
 *     adminLimitExceeded past it
 * @param sortLimit the most entries a sorted search or virtual list view orders (one key per entry is
 *     kept); adminLimitExceeded past it, for everyone but the administrator
 * @param vlvContexts the virtual list views one connection keeps for paging on (the oldest is dropped)
 * @param persistentSearches the most persistent searches running at once; busy past it
 * @param transactionOperations the most updates one LDAP transaction holds (RFC 5805)
 */
public record ExtensionSettings(
        List<String> defaultReferrals,
        int subtreeDeleteLimit,
        int sortLimit,
        int vlvContexts,
        int persistentSearches,
        int transactionOperations) {
    public static final ExtensionSettings DEFAULT = new ExtensionSettings(List.of(), 10_000, 100_000, 8, 100, 1_000);

    public ExtensionSettings {
        defaultReferrals = List.copyOf(defaultReferrals);
    }
}
