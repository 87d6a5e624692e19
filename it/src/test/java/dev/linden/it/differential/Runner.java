package dev.linden.it.differential;

/** Runs one case on one server: directly for a read case, in a fresh fixture subtree for a write case. */
public record Runner(Server slapd, Server linden) {
    private static final String SUFFIX = "dc=example,dc=com";

    public Outcome run(Case c, Server server) throws Exception {
        Outcome outcome = new Outcome(server.rendering());
        if (!c.writes()) {
            c.action().run(server.under(SUFFIX), outcome);
            return outcome;
        }
        Server s = server.under("ou=" + c.slug() + "," + SUFFIX);
        try {
            Fixture.create(s, c.slug());
        } catch (Exception e) {
            throw new IllegalStateException(server.name() + ": the fixture of '" + c.name() + "' did not load", e);
        }
        try {
            c.action().run(s, outcome);
            outcome.put("subtree after", Fixture.snapshot(s));
        } finally {
            Fixture.remove(s);
        }
        return outcome;
    }
}
