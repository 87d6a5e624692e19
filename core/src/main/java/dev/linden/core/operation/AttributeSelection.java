package dev.linden.core.operation;

import dev.linden.model.AttributeDescription;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.ObjectClass;
import dev.linden.model.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes a search asks for (RFC 4511 4.5.1.8): none listed or "*" for all user attributes,
 * "+" for all operational ones (RFC 3673), "1.1" for none, "@class" for a class's attributes
 * (RFC 4529), or names. Unknown names are ignored, as the RFC asks.
 */
public record AttributeSelection(boolean allUser, boolean allOperational, List<AttributeDescription> named) {

    public static AttributeSelection parse(List<String> requested, Schema schema) {
        boolean allUser = requested.isEmpty();
        boolean allOperational = false;
        List<AttributeDescription> named = new ArrayList<>();
        for (String r : requested) {
            switch (r) {
                case "*" -> allUser = true;
                case "+" -> allOperational = true;
                case "1.1" -> {}
                default -> {
                    if (r.startsWith("@")) {
                        ObjectClass oc = schema.objectClass(r.substring(1));
                        if (oc != null) {
                            oc.must().forEach(t -> named.add(AttributeDescription.of(t)));
                            oc.may().forEach(t -> named.add(AttributeDescription.of(t)));
                        }
                    } else {
                        AttributeDescription d = AttributeDescription.tryParse(r, schema);
                        if (d != null) {
                            named.add(d);
                        }
                    }
                }
            }
        }
        return new AttributeSelection(allUser, allOperational, List.copyOf(named));
    }

    /** Whether an attribute of this description is wanted. */
    public boolean wants(AttributeDescription description) {
        AttributeType type = description.type();
        if ((type.isOperational() ? allOperational : allUser) && !type.isByNameOnly()) {
            return true;
        }
        for (AttributeDescription d : named) {
            if (d.covers(description)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a computed attribute of this type is wanted (by "+" or by name). */
    public boolean wantsType(AttributeType type) {
        if (type.isOperational() && allOperational && !type.isByNameOnly()) {
            return true;
        }
        for (AttributeDescription d : named) {
            if (d.type() == type) {
                return true;
            }
        }
        return false;
    }

    /** All user attributes and nothing else: the stored user section can be sent as it is. */
    public boolean isAllUserOnly() {
        return allUser
                && !allOperational
                && named.stream().allMatch(d -> !d.type().isOperational());
    }
}
