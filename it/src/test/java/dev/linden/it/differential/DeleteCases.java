package dev.linden.it.differential;

import static dev.linden.it.differential.Case.write;
import static dev.linden.it.differential.Ops.step;

import java.util.List;

/** Deletes in the fixture; the subtree afterwards is compared. */
public final class DeleteCases {
    private DeleteCases() {}

    private static Case.Action delete(String rdn) {
        return step(s -> () -> s.admin().delete(s.dn(rdn)));
    }

    public static List<Case> all() {
        return List.of(
                write("delete a leaf", delete("uid=p1")),
                write("delete a non-leaf", delete("ou=sub")),
                write("delete a missing entry", delete("uid=nobody")),
                write("delete below a missing entry", delete("uid=x,ou=missing")),
                write("delete invalid DN", step(s -> () -> s.admin().delete("not a dn"))));
    }
}
