package dev.linden.protocol.op;

import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import java.util.List;

public record SearchRequest(
        String baseDn,
        SearchScope scope,
        DerefAliases derefAliases,
        int sizeLimit,
        int timeLimit,
        boolean typesOnly,
        Filter filter,
        List<String> attributes)
        implements ProtocolOp {
    public SearchRequest {
        attributes = List.copyOf(attributes);
    }
}
