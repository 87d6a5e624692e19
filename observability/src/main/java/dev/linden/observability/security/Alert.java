package dev.linden.observability.security;

import dev.linden.observability.DetectionSettings.Action;

/**
 * A detection that fired and is still active: against whom, since when, until when, and what is
 * done about it.
 *
 * @param id a number unique for this server's run
 * @param detection password_spray, brute_force, enumeration or secret_probes
 * @param offender who, for people: "address 192.0.2.7", "account uid=x,...", "identity uid=y,..."
 * @param raisedMillis when it fired
 * @param untilMillis when it ends (and its action with it)
 * @param action what is done to the offender meanwhile
 * @param summary what was seen, in a sentence
 */
public record Alert(
        long id,
        String detection,
        String offender,
        long raisedMillis,
        long untilMillis,
        Action action,
        String summary) {}
