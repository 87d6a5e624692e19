package dev.linden.it.differential;

/**
 * One named differential case. A read case runs against the shared data; a write case runs in its
 * own subtree {@code ou=<slug>,dc=example,dc=com}, created from {@link Fixture} before and removed
 * after, and the subtree as it stands after the case is part of the outcome.
 */
public record Case(String name, boolean writes, Action action) {

    @FunctionalInterface
    public interface Action {
        void run(Server server, Outcome outcome) throws Exception;
    }

    public static Case read(String name, Action action) {
        return new Case(name, false, action);
    }

    public static Case write(String name, Action action) {
        return new Case(name, true, action);
    }

    /** The RDN value of a write case's subtree, from its name. */
    public String slug() {
        return name.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
    }
}
