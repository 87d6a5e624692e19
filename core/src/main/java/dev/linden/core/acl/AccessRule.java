package dev.linden.core.acl;

import java.util.List;
import java.util.Set;

/** One rule: a target and its clauses in order; the first clause whose subjects all hold gives the rights. */
public record AccessRule(Target target, List<Clause> clauses) {
    public AccessRule {
        clauses = List.copyOf(clauses);
    }

    public record Clause(List<Subject> subjects, Set<Right> rights) {
        public Clause {
            subjects = List.copyOf(subjects);
            rights = Set.copyOf(rights);
        }
    }
}
