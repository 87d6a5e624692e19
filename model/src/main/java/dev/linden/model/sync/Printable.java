package dev.linden.model.sync;

/** Input quoted for an error message: bounded in length, control and non-ASCII characters escaped, so
 * a hostile cookie can neither flood a log nor forge lines in it. */
final class Printable {
    private static final int MAX = 80;

    private Printable() {}

    static String quote(CharSequence text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX) + 8).append('"');
        for (int i = 0; i < text.length() && i < MAX; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        sb.append('"');
        if (text.length() > MAX) {
            sb.append("… (").append(text.length()).append(" characters)");
        }
        return sb.toString();
    }
}
