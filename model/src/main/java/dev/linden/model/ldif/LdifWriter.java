package dev.linden.model.ldif;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Writes entries as LDIF (RFC 2849): base64 for values that are not safe strings, lines folded at 76 columns. */
public final class LdifWriter {
    private static final int WIDTH = 76;
    private final Writer out;

    public LdifWriter(Writer out) {
        this.out = out;
    }

    public void writeVersion() throws IOException {
        out.write("version: 1\n\n");
    }

    public void writeEntry(String dn, List<? extends java.util.Map.Entry<String, List<byte[]>>> attributes)
            throws IOException {
        line("dn", dn.getBytes(StandardCharsets.UTF_8));
        for (var attribute : attributes) {
            for (byte[] value : attribute.getValue()) {
                line(attribute.getKey(), value);
            }
        }
        out.write('\n');
    }

    private void line(String name, byte[] value) throws IOException {
        String text = isSafe(value)
                ? name + ": " + new String(value, StandardCharsets.US_ASCII)
                : name + ":: " + Base64.getEncoder().encodeToString(value);
        if (text.length() <= WIDTH) {
            out.write(text);
        } else {
            out.write(text, 0, WIDTH);
            for (int i = WIDTH; i < text.length(); i += WIDTH - 1) {
                out.write("\n ");
                out.write(text, i, Math.min(WIDTH - 1, text.length() - i));
            }
        }
        out.write('\n');
    }

    /** RFC 2849 SAFE-STRING: ASCII without NUL, LF, CR; not starting with space, ':' or '<'; and no trailing space. */
    static boolean isSafe(byte[] value) {
        if (value.length == 0) {
            return true;
        }
        byte first = value[0];
        if (first == ' ' || first == ':' || first == '<' || value[value.length - 1] == ' ') {
            return false;
        }
        for (byte b : value) {
            if (b <= 0 || b == '\n' || b == '\r') {
                return false;
            }
        }
        return true;
    }
}
