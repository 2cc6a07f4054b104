package dev.tributary.outbox.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text form of user headers in the {@code headers} column: one {@code name=value} line per header, with
 * {@code %}, {@code =} (in names), CR and LF written as {@code %25}, {@code %3D}, {@code %0D}, {@code %0A}.
 * {@code null} for no headers.
 */
final class HeaderText {
    private HeaderText() {
    }

    static String encode(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        headers.forEach((k, v) -> {
            escape(sb, k, true);
            sb.append('=');
            escape(sb, v == null ? "" : v, false);
            sb.append('\n');
        });
        return sb.toString();
    }

    static Map<String, String> decode(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                out.put(unescape(line), "");
            } else {
                out.put(unescape(line.substring(0, eq)), unescape(line.substring(eq + 1)));
            }
        }
        return out;
    }

    private static void escape(StringBuilder sb, String s, boolean name) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '%' -> sb.append("%25");
                case '\n' -> sb.append("%0A");
                case '\r' -> sb.append("%0D");
                case '=' -> sb.append(name ? "%3D" : "=");
                default -> sb.append(c);
            }
        }
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
