package dev.linden.observability;

/**
 * What a bind was and how it ended, beyond its result code.
 *
 * @param method "anonymous", "simple", or "sasl_" and the mechanism (external, plain, scram_sha_256, other)
 * @param account the account named: a normalised DN for simple binds, "sasl:" and the name for SASL
 *     (empty for anonymous binds and when no name could be read)
 * @param success whether the bind succeeded
 * @param failure why it failed (null on success, and for a SASL step that is still in progress)
 * @param lockout whether this failure locked the account
 */
public record BindOutcome(String method, String account, boolean success, BindFailure failure, boolean lockout) {}
