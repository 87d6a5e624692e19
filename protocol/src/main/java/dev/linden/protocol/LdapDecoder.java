package dev.linden.protocol;

import static dev.linden.protocol.LdapTags.*;

import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.*;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one complete LDAPMessage (RFC 4511 section 4.1.1) into records. Any structural error is a
 * {@link BerException}: the caller answers it with a Notice of Disconnection, never a partial result.
 * Requests and responses both decode, so the codec round-trips every PDU.
 */
public final class LdapDecoder {
    private static final long MAX_INT = Integer.MAX_VALUE;

    private LdapDecoder() {}

    public static LdapMessage decode(byte[] pdu) throws BerException {
        return decode(pdu, 0, pdu.length);
    }

    public static LdapMessage decode(byte[] pdu, int offset, int length) throws BerException {
        BerReader outer = new BerReader(pdu, offset, length);
        BerReader msg = outer.readSequence(BerTags.SEQUENCE);
        outer.expectEnd("the LDAP message");
        int messageId = msg.readIntInRange(BerTags.INTEGER, 0, MAX_INT, "message ID");
        ProtocolOp op = decodeOp(msg);
        List<Control> controls = List.of();
        if (msg.peekTag() == CONTROLS) {
            controls = decodeControls(msg.readSequence(CONTROLS));
        }
        // RFC 4511 4.1.1: elements added to LDAPMessage by later versions are to be ignored.
        return new LdapMessage(messageId, op, controls);
    }

    private static ProtocolOp decodeOp(BerReader msg) throws BerException {
        int tag = msg.peekTag();
        return switch (tag) {
            case BIND_REQUEST -> bindRequest(msg.readSequence(tag));
            case BIND_RESPONSE -> {
                BerReader r = msg.readSequence(tag);
                LdapResult result = result(r);
                byte[] creds = r.peekTag() == SERVER_SASL_CREDS ? r.readOctetString(SERVER_SASL_CREDS) : null;
                yield new BindResponse(result, creds);
            }
            case UNBIND_REQUEST -> {
                msg.readNull(tag);
                yield new UnbindRequest();
            }
            case SEARCH_REQUEST -> searchRequest(msg.readSequence(tag));
            case SEARCH_RESULT_ENTRY -> {
                BerReader r = msg.readSequence(tag);
                String dn = r.readUtf8();
                yield new SearchResultEntry(dn, attributeList(r.readSequence(BerTags.SEQUENCE), true));
            }
            case SEARCH_RESULT_DONE -> new SearchResultDone(result(msg.readSequence(tag)));
            case SEARCH_RESULT_REFERENCE -> {
                BerReader r = msg.readSequence(tag);
                List<String> uris = new ArrayList<>();
                while (r.hasMore()) {
                    uris.add(r.readUtf8());
                }
                yield new SearchResultReference(uris);
            }
            case MODIFY_REQUEST -> modifyRequest(msg.readSequence(tag));
            case MODIFY_RESPONSE -> new ModifyResponse(result(msg.readSequence(tag)));
            case ADD_REQUEST -> {
                BerReader r = msg.readSequence(tag);
                String dn = r.readUtf8();
                List<PartialAttribute> attributes = attributeList(r.readSequence(BerTags.SEQUENCE), false);
                r.expectEnd("the add request");
                yield new AddRequest(dn, attributes);
            }
            case ADD_RESPONSE -> new AddResponse(result(msg.readSequence(tag)));
            case DELETE_REQUEST -> new DeleteRequest(msg.readUtf8(tag));
            case DELETE_RESPONSE -> new DeleteResponse(result(msg.readSequence(tag)));
            case MODIFY_DN_REQUEST -> {
                BerReader r = msg.readSequence(tag);
                String dn = r.readUtf8();
                String newRdn = r.readUtf8();
                boolean deleteOld = r.readBoolean();
                String newSuperior = r.peekTag() == NEW_SUPERIOR ? r.readUtf8(NEW_SUPERIOR) : null;
                r.expectEnd("the modify DN request");
                yield new ModifyDnRequest(dn, newRdn, deleteOld, newSuperior);
            }
            case MODIFY_DN_RESPONSE -> new ModifyDnResponse(result(msg.readSequence(tag)));
            case COMPARE_REQUEST -> {
                BerReader r = msg.readSequence(tag);
                String dn = r.readUtf8();
                BerReader ava = r.readSequence(BerTags.SEQUENCE);
                String attribute = ava.readUtf8();
                byte[] value = ava.readOctetString();
                ava.expectEnd("the attribute value assertion");
                r.expectEnd("the compare request");
                yield new CompareRequest(dn, attribute, value);
            }
            case COMPARE_RESPONSE -> new CompareResponse(result(msg.readSequence(tag)));
            case ABANDON_REQUEST -> new AbandonRequest(msg.readIntInRange(tag, 0, MAX_INT, "message ID"));
            case EXTENDED_REQUEST -> {
                BerReader r = msg.readSequence(tag);
                String oid = r.readUtf8(EXTENDED_REQUEST_NAME);
                byte[] value = r.peekTag() == EXTENDED_REQUEST_VALUE ? r.readOctetString(EXTENDED_REQUEST_VALUE) : null;
                r.expectEnd("the extended request");
                yield new ExtendedRequest(oid, value);
            }
            case EXTENDED_RESPONSE -> {
                BerReader r = msg.readSequence(tag);
                LdapResult result = result(r);
                String oid = r.peekTag() == EXTENDED_RESPONSE_NAME ? r.readUtf8(EXTENDED_RESPONSE_NAME) : null;
                byte[] value =
                        r.peekTag() == EXTENDED_RESPONSE_VALUE ? r.readOctetString(EXTENDED_RESPONSE_VALUE) : null;
                yield new ExtendedResponse(result, oid, value);
            }
            case INTERMEDIATE_RESPONSE -> {
                BerReader r = msg.readSequence(tag);
                String oid = r.peekTag() == INTERMEDIATE_NAME ? r.readUtf8(INTERMEDIATE_NAME) : null;
                byte[] value = r.peekTag() == INTERMEDIATE_VALUE ? r.readOctetString(INTERMEDIATE_VALUE) : null;
                yield new IntermediateResponse(oid, value);
            }
            default -> throw new BerException(String.format("unknown protocol operation tag 0x%02x", tag));
        };
    }

    private static BindRequest bindRequest(BerReader r) throws BerException {
        int version = r.readIntInRange(BerTags.INTEGER, 1, 127, "LDAP version");
        String name = r.readUtf8();
        int tag = r.peekTag();
        BindRequest request;
        if (tag == AUTH_SIMPLE) {
            request = new BindRequest(version, name, r.readOctetString(AUTH_SIMPLE), null, null);
        } else if (tag == AUTH_SASL) {
            BerReader sasl = r.readSequence(AUTH_SASL);
            String mechanism = sasl.readUtf8();
            byte[] credentials = sasl.hasMore() ? sasl.readOctetString() : null;
            sasl.expectEnd("the SASL credentials");
            request = new BindRequest(version, name, null, mechanism, credentials);
        } else {
            throw new BerException(String.format("unknown authentication choice 0x%02x", tag));
        }
        r.expectEnd("the bind request");
        return request;
    }

    private static SearchRequest searchRequest(BerReader r) throws BerException {
        String base = r.readUtf8();
        int scope = r.readIntInRange(BerTags.ENUMERATED, 0, 3, "search scope");
        int deref = r.readIntInRange(BerTags.ENUMERATED, 0, 3, "derefAliases");
        int sizeLimit = r.readIntInRange(BerTags.INTEGER, 0, MAX_INT, "size limit");
        int timeLimit = r.readIntInRange(BerTags.INTEGER, 0, MAX_INT, "time limit");
        boolean typesOnly = r.readBoolean();
        Filter filter = filter(r, 0);
        BerReader attrs = r.readSequence(BerTags.SEQUENCE);
        List<String> attributes = new ArrayList<>();
        while (attrs.hasMore()) {
            attributes.add(attrs.readUtf8());
        }
        r.expectEnd("the search request");
        return new SearchRequest(
                base,
                SearchScope.of(scope),
                DerefAliases.values()[deref],
                sizeLimit,
                timeLimit,
                typesOnly,
                filter,
                attributes);
    }

    public static Filter filter(BerReader r, int depth) throws BerException {
        if (depth > Filter.MAX_DEPTH) {
            throw new BerException("filter nested deeper than " + Filter.MAX_DEPTH);
        }
        int tag = r.peekTag();
        return switch (tag) {
            case FILTER_AND, FILTER_OR -> {
                BerReader set = r.readSequence(tag);
                List<Filter> filters = new ArrayList<>();
                while (set.hasMore()) {
                    filters.add(filter(set, depth + 1));
                }
                yield tag == FILTER_AND ? new Filter.And(filters) : new Filter.Or(filters);
            }
            case FILTER_NOT -> {
                BerReader inner = r.readSequence(tag);
                Filter f = filter(inner, depth + 1);
                inner.expectEnd("the not filter");
                yield new Filter.Not(f);
            }
            case FILTER_EQUALITY, FILTER_GREATER_OR_EQUAL, FILTER_LESS_OR_EQUAL, FILTER_APPROX -> {
                BerReader ava = r.readSequence(tag);
                String attribute = ava.readUtf8();
                byte[] value = ava.readOctetString();
                ava.expectEnd("the attribute value assertion");
                yield switch (tag) {
                    case FILTER_EQUALITY -> new Filter.Equality(attribute, value);
                    case FILTER_GREATER_OR_EQUAL -> new Filter.GreaterOrEqual(attribute, value);
                    case FILTER_LESS_OR_EQUAL -> new Filter.LessOrEqual(attribute, value);
                    default -> new Filter.Approx(attribute, value);
                };
            }
            case FILTER_PRESENT -> new Filter.Present(r.readUtf8(FILTER_PRESENT));
            case FILTER_SUBSTRINGS -> substrings(r.readSequence(tag));
            case FILTER_EXTENSIBLE -> {
                BerReader m = r.readSequence(tag);
                String rule = m.peekTag() == MATCHING_RULE ? m.readUtf8(MATCHING_RULE) : null;
                String type = m.peekTag() == MATCHING_TYPE ? m.readUtf8(MATCHING_TYPE) : null;
                byte[] value = m.readOctetString(MATCH_VALUE);
                boolean dnAttributes = m.peekTag() == DN_ATTRIBUTES && m.readBoolean(DN_ATTRIBUTES);
                m.expectEnd("the extensible match");
                if (rule == null && type == null) {
                    throw new BerException("extensible match with neither matching rule nor type");
                }
                yield new Filter.Extensible(rule, type, value, dnAttributes);
            }
            default -> throw new BerException(String.format("unknown filter tag 0x%02x", tag));
        };
    }

    private static Filter substrings(BerReader r) throws BerException {
        String attribute = r.readUtf8();
        BerReader parts = r.readSequence(BerTags.SEQUENCE);
        r.expectEnd("the substring filter");
        byte[] initial = null;
        byte[] fin = null;
        List<byte[]> any = new ArrayList<>();
        boolean empty = true;
        while (parts.hasMore()) {
            empty = false;
            int tag = parts.peekTag();
            if (fin != null) {
                throw new BerException("substring after the final substring");
            }
            switch (tag) {
                case SUBSTRING_INITIAL -> {
                    if (initial != null || !any.isEmpty()) {
                        throw new BerException("initial substring out of place");
                    }
                    initial = parts.readOctetString(tag);
                }
                case SUBSTRING_ANY -> any.add(parts.readOctetString(tag));
                case SUBSTRING_FINAL -> fin = parts.readOctetString(tag);
                default -> throw new BerException(String.format("unknown substring tag 0x%02x", tag));
            }
        }
        if (empty) {
            throw new BerException("substring filter without substrings");
        }
        return new Filter.Substrings(attribute, initial, any, fin);
    }

    private static ProtocolOp modifyRequest(BerReader r) throws BerException {
        String dn = r.readUtf8();
        BerReader changes = r.readSequence(BerTags.SEQUENCE);
        r.expectEnd("the modify request");
        List<Modification> list = new ArrayList<>();
        while (changes.hasMore()) {
            BerReader change = changes.readSequence(BerTags.SEQUENCE);
            int op = change.readIntInRange(BerTags.ENUMERATED, 0, 3, "modify operation");
            PartialAttribute attribute = partialAttribute(change.readSequence(BerTags.SEQUENCE));
            change.expectEnd("the change");
            list.add(new Modification(ModOp.values()[op], attribute));
        }
        return new ModifyRequest(dn, list);
    }

    private static List<PartialAttribute> attributeList(BerReader r, boolean allowEmpty) throws BerException {
        List<PartialAttribute> attributes = new ArrayList<>();
        while (r.hasMore()) {
            attributes.add(partialAttribute(r.readSequence(BerTags.SEQUENCE)));
        }
        return attributes;
    }

    private static PartialAttribute partialAttribute(BerReader r) throws BerException {
        String type = r.readUtf8();
        BerReader set = r.readSequence(BerTags.SET);
        r.expectEnd("the attribute");
        List<byte[]> values = new ArrayList<>();
        while (set.hasMore()) {
            values.add(set.readOctetString());
        }
        return new PartialAttribute(type, values);
    }

    private static LdapResult result(BerReader r) throws BerException {
        ResultCode code = ResultCode.of(r.readInteger(BerTags.ENUMERATED));
        String matched = r.readUtf8();
        String message = r.readUtf8();
        List<String> referrals = new ArrayList<>();
        if (r.peekTag() == REFERRAL) {
            BerReader refs = r.readSequence(REFERRAL);
            while (refs.hasMore()) {
                referrals.add(refs.readUtf8());
            }
        }
        return new LdapResult(code, matched, message, referrals);
    }

    private static List<Control> decodeControls(BerReader r) throws BerException {
        List<Control> controls = new ArrayList<>();
        while (r.hasMore()) {
            BerReader c = r.readSequence(BerTags.SEQUENCE);
            String oid = c.readUtf8();
            boolean critical = c.peekTag() == BerTags.BOOLEAN && c.readBoolean();
            byte[] value = c.peekTag() == BerTags.OCTET_STRING ? c.readOctetString() : null;
            c.expectEnd("the control");
            controls.add(new Control(oid, critical, value));
        }
        return controls;
    }
}
