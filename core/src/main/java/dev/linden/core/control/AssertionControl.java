package dev.linden.core.control;

import dev.linden.core.Oids;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.filter.Filter;
import java.util.List;

/**
 * The assertion control (RFC 4528): its value is a filter, and the operation goes ahead only if the
 * target entry matches it — the search base, the compared entry, the entry to add, or the entry as it
 * is before a delete, modify or rename, tested in the same transaction. Not matching (Undefined too)
 * is assertionFailed, critical or not.
 */
public record AssertionControl(Filter filter) {

    /** The request's assertion, or null when it has none. */
    public static AssertionControl of(List<Control> controls) throws LdapException {
        Control c = KnownControls.find(controls, Oids.ASSERTION);
        if (c == null) {
            return null;
        }
        BerReader r = ControlValues.reader(c, "assert");
        try {
            Filter f = LdapDecoder.filter(r, 0);
            r.expectEnd("the assertion");
            return new AssertionControl(f);
        } catch (BerException e) {
            throw ControlValues.malformed("assert", e);
        }
    }

    /** assertionFailed unless the entry matches, judged by {@code evaluator} (the asker's search rights). */
    public void check(Entry entry, FilterEvaluator evaluator) throws LdapException {
        if (!evaluator.matches(filter, entry)) {
            throw new LdapException(ResultCode.ASSERTION_FAILED, "assertion control failed");
        }
    }
}
