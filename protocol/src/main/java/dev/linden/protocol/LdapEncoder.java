package dev.linden.protocol;

import static dev.linden.protocol.LdapTags.*;

import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.*;
import java.util.List;

/** Encodes LDAPMessages into BER, the exact inverse of {@link LdapDecoder}. */
public final class LdapEncoder {
    private LdapEncoder() {}

    public static byte[] encode(LdapMessage message) {
        BerWriter w = new BerWriter();
        encode(message, w);
        return w.toByteArray();
    }

    public static void encode(LdapMessage message, BerWriter w) {
        w.begin(BerTags.SEQUENCE);
        w.integer(message.messageId());
        encodeOp(message.op(), w);
        if (!message.controls().isEmpty()) {
            controls(CONTROLS, message.controls(), w);
        }
        w.end();
    }

    /**
     * A SEQUENCE OF Control under {@code tag}: an LDAPMessage's controls ([0]), or the same list
     * elsewhere (the updateControls of an RFC 5805 transaction's end, a universal SEQUENCE).
     */
    public static void controls(int tag, List<Control> controls, BerWriter w) {
        w.begin(tag);
        for (Control c : controls) {
            w.begin(BerTags.SEQUENCE).string(c.oid());
            if (c.critical()) {
                w.bool(true);
            }
            if (c.value() != null) {
                w.octetString(c.value());
            }
            w.end();
        }
        w.end();
    }

    /** One protocol operation alone, outside an LDAPMessage (a SearchResultEntry inside a pre-read control). */
    public static byte[] encodeOp(ProtocolOp op) {
        BerWriter w = new BerWriter();
        encodeOp(op, w);
        return w.toByteArray();
    }

    private static void encodeOp(ProtocolOp op, BerWriter w) {
        switch (op) {
            case BindRequest b -> {
                w.begin(BIND_REQUEST).integer(b.version()).string(b.name());
                if (b.isSimple()) {
                    w.octetString(AUTH_SIMPLE, b.simplePassword());
                } else {
                    w.begin(AUTH_SASL).string(b.saslMechanism());
                    if (b.saslCredentials() != null) {
                        w.octetString(b.saslCredentials());
                    }
                    w.end();
                }
                w.end();
            }
            case BindResponse b -> {
                w.begin(BIND_RESPONSE);
                result(b.result(), w);
                if (b.serverSaslCreds() != null) {
                    w.octetString(SERVER_SASL_CREDS, b.serverSaslCreds());
                }
                w.end();
            }
            case UnbindRequest u -> w.nullValue(UNBIND_REQUEST);
            case SearchRequest s -> {
                w.begin(SEARCH_REQUEST)
                        .string(s.baseDn())
                        .enumerated(s.scope().ordinal())
                        .enumerated(s.derefAliases().ordinal())
                        .integer(s.sizeLimit())
                        .integer(s.timeLimit())
                        .bool(s.typesOnly());
                filter(s.filter(), w);
                w.begin(BerTags.SEQUENCE);
                s.attributes().forEach(w::string);
                w.end().end();
            }
            case SearchResultEntry e -> {
                if (e.encodedAttributes() != null) { // lengths known: written first, nothing moved to make room
                    byte[] dn = e.dn().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    byte[] list = e.encodedAttributes();
                    w.head(
                                    SEARCH_RESULT_ENTRY,
                                    BerWriter.elementLength(dn.length) + BerWriter.elementLength(list.length))
                            .octetString(dn)
                            .head(BerTags.SEQUENCE, list.length)
                            .raw(list, 0, list.length);
                } else {
                    w.begin(SEARCH_RESULT_ENTRY).string(e.dn());
                    attributeList(e.attributes(), w);
                    w.end();
                }
            }
            case SearchResultDone d -> resultOp(SEARCH_RESULT_DONE, d.result(), w);
            case SearchResultReference r -> {
                w.begin(SEARCH_RESULT_REFERENCE);
                r.uris().forEach(w::string);
                w.end();
            }
            case ModifyRequest m -> {
                w.begin(MODIFY_REQUEST).string(m.dn()).begin(BerTags.SEQUENCE);
                for (Modification change : m.changes()) {
                    w.begin(BerTags.SEQUENCE).enumerated(change.op().ordinal());
                    partialAttribute(change.attribute(), w);
                    w.end();
                }
                w.end().end();
            }
            case ModifyResponse r -> resultOp(MODIFY_RESPONSE, r.result(), w);
            case AddRequest a -> {
                w.begin(ADD_REQUEST).string(a.dn());
                attributeList(a.attributes(), w);
                w.end();
            }
            case AddResponse r -> resultOp(ADD_RESPONSE, r.result(), w);
            case DeleteRequest d -> w.string(DELETE_REQUEST, d.dn());
            case DeleteResponse r -> resultOp(DELETE_RESPONSE, r.result(), w);
            case ModifyDnRequest m -> {
                w.begin(MODIFY_DN_REQUEST).string(m.dn()).string(m.newRdn()).bool(m.deleteOldRdn());
                if (m.newSuperior() != null) {
                    w.string(NEW_SUPERIOR, m.newSuperior());
                }
                w.end();
            }
            case ModifyDnResponse r -> resultOp(MODIFY_DN_RESPONSE, r.result(), w);
            case CompareRequest c ->
                w.begin(COMPARE_REQUEST)
                        .string(c.dn())
                        .begin(BerTags.SEQUENCE)
                        .string(c.attribute())
                        .octetString(c.value())
                        .end()
                        .end();
            case CompareResponse r -> resultOp(COMPARE_RESPONSE, r.result(), w);
            case AbandonRequest a -> w.integer(ABANDON_REQUEST, a.idToAbandon());
            case ExtendedRequest x -> {
                w.begin(EXTENDED_REQUEST).string(EXTENDED_REQUEST_NAME, x.oid());
                if (x.value() != null) {
                    w.octetString(EXTENDED_REQUEST_VALUE, x.value());
                }
                w.end();
            }
            case ExtendedResponse x -> {
                w.begin(EXTENDED_RESPONSE);
                result(x.result(), w);
                if (x.oid() != null) {
                    w.string(EXTENDED_RESPONSE_NAME, x.oid());
                }
                if (x.value() != null) {
                    w.octetString(EXTENDED_RESPONSE_VALUE, x.value());
                }
                w.end();
            }
            case IntermediateResponse i -> {
                w.begin(INTERMEDIATE_RESPONSE);
                if (i.oid() != null) {
                    w.string(INTERMEDIATE_NAME, i.oid());
                }
                if (i.value() != null) {
                    w.octetString(INTERMEDIATE_VALUE, i.value());
                }
                w.end();
            }
        }
    }

    private static void resultOp(int tag, LdapResult result, BerWriter w) {
        w.begin(tag);
        result(result, w);
        w.end();
    }

    private static void result(LdapResult r, BerWriter w) {
        w.enumerated(r.code().code()).string(r.matchedDn()).string(r.diagnosticMessage());
        if (!r.referrals().isEmpty()) {
            w.begin(REFERRAL);
            r.referrals().forEach(w::string);
            w.end();
        }
    }

    /** Writes a PartialAttributeList / AttributeList SEQUENCE. */
    public static void attributeList(List<PartialAttribute> attributes, BerWriter w) {
        w.begin(BerTags.SEQUENCE);
        for (PartialAttribute a : attributes) {
            partialAttribute(a, w);
        }
        w.end();
    }

    private static void partialAttribute(PartialAttribute a, BerWriter w) {
        w.begin(BerTags.SEQUENCE).string(a.type()).begin(BerTags.SET);
        if (a.source() != null) {
            a.source().forEachValue(w::octetString);
        }
        for (byte[] v : a.values()) {
            w.octetString(v);
        }
        w.end().end();
    }

    /** One PartialAttribute alone (the listed attributes of an entry whose other values are streamed). */
    static byte[] partialAttribute(PartialAttribute a) {
        BerWriter w = new BerWriter(64);
        partialAttribute(a, w);
        return w.toByteArray();
    }

    /** The LDAPMessage's controls element, or an empty array when it has none. */
    static byte[] controls(LdapMessage message) {
        if (message.controls().isEmpty()) {
            return new byte[0];
        }
        BerWriter w = new BerWriter(64);
        controls(CONTROLS, message.controls(), w);
        return w.toByteArray();
    }

    public static void filter(Filter filter, BerWriter w) {
        switch (filter) {
            case Filter.And and -> {
                w.begin(FILTER_AND);
                and.filters().forEach(f -> filter(f, w));
                w.end();
            }
            case Filter.Or or -> {
                w.begin(FILTER_OR);
                or.filters().forEach(f -> filter(f, w));
                w.end();
            }
            case Filter.Not not -> {
                w.begin(FILTER_NOT);
                filter(not.filter(), w);
                w.end();
            }
            case Filter.Equality f -> ava(FILTER_EQUALITY, f.attribute(), f.value(), w);
            case Filter.GreaterOrEqual f -> ava(FILTER_GREATER_OR_EQUAL, f.attribute(), f.value(), w);
            case Filter.LessOrEqual f -> ava(FILTER_LESS_OR_EQUAL, f.attribute(), f.value(), w);
            case Filter.Approx f -> ava(FILTER_APPROX, f.attribute(), f.value(), w);
            case Filter.Present p -> w.string(FILTER_PRESENT, p.attribute());
            case Filter.Substrings s -> {
                w.begin(FILTER_SUBSTRINGS).string(s.attribute()).begin(BerTags.SEQUENCE);
                if (s.initial() != null) {
                    w.octetString(SUBSTRING_INITIAL, s.initial());
                }
                for (byte[] any : s.any()) {
                    w.octetString(SUBSTRING_ANY, any);
                }
                if (s.fin() != null) {
                    w.octetString(SUBSTRING_FINAL, s.fin());
                }
                w.end().end();
            }
            case Filter.Extensible x -> {
                w.begin(FILTER_EXTENSIBLE);
                if (x.matchingRule() != null) {
                    w.string(MATCHING_RULE, x.matchingRule());
                }
                if (x.attribute() != null) {
                    w.string(MATCHING_TYPE, x.attribute());
                }
                w.octetString(MATCH_VALUE, x.value());
                if (x.dnAttributes()) {
                    w.bool(DN_ATTRIBUTES, true);
                }
                w.end();
            }
        }
    }

    private static void ava(int tag, String attribute, byte[] value, BerWriter w) {
        w.begin(tag).string(attribute).octetString(value).end();
    }
}
