package dev.linden.core;

import dev.linden.model.LdapException;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.*;

/** Builds the response that answers a request with a result: the one place an error becomes a response. */
public final class Responses {
    private Responses() {}

    public static LdapResult result(LdapException e) {
        return new LdapResult(e.code(), e.matchedDn(), e.getMessage(), e.referrals());
    }

    /** The response type that ends this request, carrying {@code result}; null for requests with no response. */
    public static ProtocolOp forRequest(ProtocolOp request, LdapResult result) {
        return switch (request) {
            case BindRequest b -> new BindResponse(result, null);
            case SearchRequest s -> new SearchResultDone(result);
            case ModifyRequest m -> new ModifyResponse(result);
            case AddRequest a -> new AddResponse(result);
            case DeleteRequest d -> new DeleteResponse(result);
            case ModifyDnRequest m -> new ModifyDnResponse(result);
            case CompareRequest c -> new CompareResponse(result);
            case ExtendedRequest x -> new ExtendedResponse(result, null, null);
            case UnbindRequest u -> null;
            case AbandonRequest a -> null;
            default -> new ExtendedResponse(LdapResult.of(ResultCode.PROTOCOL_ERROR, "not a request"), null, null);
        };
    }

    public static LdapResult success() {
        return LdapResult.success();
    }
}
