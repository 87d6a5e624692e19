package dev.linden.core;

import dev.linden.backend.Backend;
import dev.linden.model.password.PasswordSchemes;
import dev.linden.model.schema.Schema;
import java.time.Clock;

/** The collaborators every operation needs, gathered once at start-up and passed in (no static state). */
public record Directory(Backend backend, Schema schema, CoreConfig config, PasswordSchemes passwords, Clock clock) {
}
