package dev.linden.model.schema;

/** The USAGE of an attribute type (RFC 4512 section 4.1.2). */
public enum AttributeUsage {
    USER_APPLICATIONS("userApplications"),
    DIRECTORY_OPERATION("directoryOperation"),
    DISTRIBUTED_OPERATION("distributedOperation"),
    DSA_OPERATION("dSAOperation");

    private final String keyword;

    AttributeUsage(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static AttributeUsage of(String keyword) {
        for (AttributeUsage u : values()) {
            if (u.keyword.equalsIgnoreCase(keyword)) {
                return u;
            }
        }
        return null;
    }
}
