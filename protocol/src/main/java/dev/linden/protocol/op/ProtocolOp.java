package dev.linden.protocol.op;

/** Every LDAPv3 protocol operation, one record each (RFC 4511 section 4.2 to 4.14). */
public sealed interface ProtocolOp
        permits BindRequest,
                BindResponse,
                UnbindRequest,
                SearchRequest,
                SearchResultEntry,
                SearchResultDone,
                SearchResultReference,
                ModifyRequest,
                ModifyResponse,
                AddRequest,
                AddResponse,
                DeleteRequest,
                DeleteResponse,
                ModifyDnRequest,
                ModifyDnResponse,
                CompareRequest,
                CompareResponse,
                AbandonRequest,
                ExtendedRequest,
                ExtendedResponse,
                IntermediateResponse {}
