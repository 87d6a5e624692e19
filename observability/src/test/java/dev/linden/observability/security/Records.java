package dev.linden.observability.security;

import dev.linden.core.Response;
import dev.linden.core.Session;
import dev.linden.core.control.PagedResultsControl;
import dev.linden.core.throttle.FamiliarAddresses;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.observability.BindFailure;
import dev.linden.observability.BindOutcome;
import dev.linden.observability.DetectionSettings;
import dev.linden.observability.DetectionSettings.Action;
import dev.linden.observability.OperationKind;
import dev.linden.observability.OperationRecord;
import dev.linden.protocol.Control;
import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.BindResponse;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultDone;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Finished operations as the detector sees them, and a detector over a clock the test moves, for the detection tests. */
final class Records {
    static final Schema SCHEMA = Schema.standard();
    static final String ROOT_DN = "cn=admin,dc=example,dc=com";
    static final Control NEXT_PAGE = PagedResultsControl.response(0, new byte[] {1, 2});

    private Records() {}

    /** A java.time view of the test's clock, for the familiar addresses. */
    static Clock clock(LongSupplier millis) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.getAsLong());
            }
        };
    }

    static Detector detector(
            DetectionSettings s, FamiliarAddresses familiar, Consumer<SecurityEvent> events, LongSupplier clock)
            throws LdapException {
        return new Detector(
                s,
                SCHEMA,
                List.of(DnSyntax.parse("dc=example,dc=com", SCHEMA)),
                DnSyntax.parse(ROOT_DN, SCHEMA),
                SCHEMA.secrets(),
                familiar,
                events,
                clock);
    }

    static Session session(String host, String dn) throws LdapException {
        Session s = new Session(7, host + ":4000");
        if (dn != null) {
            s.bind(DnSyntax.parse(dn, SCHEMA), dn.equals(ROOT_DN));
        }
        return s;
    }

    static OperationRecord failedBind(Session s, String account, BindFailure reason) {
        LdapMessage m = new LdapMessage(1, BindRequest.simple(account, "x".getBytes(StandardCharsets.UTF_8)));
        return new OperationRecord(
                s,
                m,
                OperationKind.BIND,
                new Response(new BindResponse(LdapResult.of(ResultCode.INVALID_CREDENTIALS, ""), null)),
                0,
                1000,
                Dn.ROOT,
                new BindOutcome("simple", account, false, reason, false),
                Action.NONE);
    }

    static OperationRecord succeededBind(Session s, String account) throws LdapException {
        LdapMessage m = new LdapMessage(1, BindRequest.simple(account, "x".getBytes(StandardCharsets.UTF_8)));
        return new OperationRecord(
                s,
                m,
                OperationKind.BIND,
                new Response(new BindResponse(LdapResult.success(), null)),
                0,
                1000,
                DnSyntax.parse(account, SCHEMA),
                new BindOutcome("simple", account, true, null, false),
                Action.NONE);
    }

    static OperationRecord search(
            Session s, String base, SearchScope scope, String filter, int entries, Control... controls)
            throws Exception {
        LdapMessage m = new LdapMessage(
                2,
                new SearchRequest(base, scope, DerefAliases.NEVER, 0, 0, false, FilterText.parse(filter), List.of()),
                List.of(controls));
        return new OperationRecord(
                s,
                m,
                OperationKind.SEARCH,
                new Response(new SearchResultDone(LdapResult.success())),
                entries,
                1000,
                s.boundDn(),
                null,
                Action.NONE);
    }
}
