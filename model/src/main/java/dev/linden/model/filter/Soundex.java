package dev.linden.model.filter;

import java.util.Locale;

/** American Soundex codes of the words of a string, for approximate matching. */
final class Soundex {
    private static final String CODES = "01230120022455012623010202"; // a..z

    private Soundex() {}

    static String[] words(String s) {
        String[] words = s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        return java.util.Arrays.stream(words)
                .filter(w -> !w.isEmpty())
                .map(Soundex::code)
                .toArray(String[]::new);
    }

    static String code(String word) {
        StringBuilder sb = new StringBuilder();
        char last = 0;
        for (int i = 0; i < word.length() && sb.length() < 4; i++) {
            char c = word.charAt(i);
            if (c < 'a' || c > 'z') {
                if (sb.isEmpty()) {
                    sb.append(c);
                }
                continue;
            }
            char code = CODES.charAt(c - 'a');
            if (sb.isEmpty()) {
                sb.append(Character.toUpperCase(c));
            } else if (code != '0' && code != last) {
                sb.append(code);
            }
            if (c != 'h' && c != 'w') {
                last = code;
            }
        }
        while (sb.length() < 4) {
            sb.append('0');
        }
        return sb.toString();
    }
}
