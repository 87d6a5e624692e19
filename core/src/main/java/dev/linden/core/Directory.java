package dev.linden.core;

import dev.linden.backend.Backend;
import dev.linden.model.password.PasswordSchemes;
import dev.linden.model.schema.Schema;
import java.time.Clock;

/**
 * The collaborators every operation needs, gathered once at start-up and passed in (no static state).
 *
 * @param live read-only contexts served from live data beside the store (cn=Monitor)
 * @param syncs the content synchronizations this server is serving (its consumers)
 * @param extensions the bounds and settings of controls and extended operations (referrals, sorting, ...)
 */
public record Directory(
        Backend backend,
        Schema schema,
        CoreConfig config,
        PasswordSchemes passwords,
        Clock clock,
        LiveContexts live,
        dev.linden.core.sync.SyncRegistry syncs,
        ExtensionSettings extensions) {
    public Directory(Backend backend, Schema schema, CoreConfig config, PasswordSchemes passwords, Clock clock) {
        this(backend, schema, config, passwords, clock, ExtensionSettings.DEFAULT);
    }

    public Directory(
            Backend backend,
            Schema schema,
            CoreConfig config,
            PasswordSchemes passwords,
            Clock clock,
            ExtensionSettings extensions) {
        this(
                backend,
                schema,
                config,
                passwords,
                clock,
                new LiveContexts(),
                new dev.linden.core.sync.SyncRegistry(),
                extensions);
    }
}
