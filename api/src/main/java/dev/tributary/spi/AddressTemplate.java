package dev.tributary.spi;

import dev.tributary.TributaryException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed address: literal levels, {@code {name}} parameters and the broker's raw wildcards.
 * Immutable and thread-safe; parse once, match many times.
 *
 * <p>Rules: a {@code {name}} fills a whole level ({@code TRB-ADR001} otherwise), a name appears once
 * ({@code TRB-ADR002}), a multi-level wildcard is the last level ({@code TRB-ADR003}); {@code {{x}}}
 * is the literal text {@code {x}}. Multi-level wildcards are never captured: the concrete address is
 * always available to the handler.
 */
public final class AddressTemplate {

    private enum Kind { LITERAL, PARAM, SINGLE, MULTI }

    private record Level(Kind kind, String text) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final String SHARE = "$share/";

    private final String raw;
    private final AddressSyntax syntax;
    private final List<Level> levels;
    private final List<String> params;
    private final boolean pattern;
    /** An MQTT shared subscription's {@code $share/<group>/}, or empty: not part of the topics it matches. */
    private final String sharePrefix;

    private AddressTemplate(String raw, AddressSyntax syntax, List<Level> levels, String sharePrefix) {
        this.raw = raw;
        this.syntax = syntax;
        this.levels = levels;
        this.sharePrefix = sharePrefix;
        List<String> names = new ArrayList<>();
        boolean anyPattern = false;
        for (Level l : levels) {
            if (l.kind == Kind.PARAM) {
                names.add(l.text);
            }
            anyPattern |= l.kind != Kind.LITERAL;
        }
        this.params = Collections.unmodifiableList(names);
        this.pattern = anyPattern || !sharePrefix.isEmpty();
    }

    /** Parses an address; throws {@link TributaryException} with a {@code TRB-ADR…} code when it is invalid. */
    public static AddressTemplate parse(String raw, AddressSyntax syntax) {
        if (raw == null || raw.isEmpty()) {
            throw new TributaryException("TRB-ADR000", "empty address; give the topic, queue or subject to use");
        }
        String sharePrefix = "";
        String topic = raw;
        if (syntax.equals(AddressSyntax.MQTT) && raw.startsWith(SHARE)) {
            // $share/<group>/<filter>: the broker matches <filter>; messages arrive on topics without the prefix
            int end = raw.indexOf('/', SHARE.length());
            String group = end < 0 ? "" : raw.substring(SHARE.length(), end);
            if (group.isEmpty() || group.contains("+") || group.contains("#") || group.contains("{")
                    || end == raw.length() - 1) {
                throw new TributaryException("TRB-ADR006", "address '" + raw + "': a shared subscription is "
                        + "$share/<group>/<filter> with a literal group name and a filter");
            }
            sharePrefix = raw.substring(0, end + 1);
            topic = raw.substring(end + 1);
        }
        String[] parts = topic.split(Pattern.quote(syntax.separator()), -1);
        List<Level> levels = new ArrayList<>(parts.length);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            Level level = parseLevel(raw, part, syntax);
            if (level.kind == Kind.PARAM) {
                if (seen.contains(level.text)) {
                    throw new TributaryException("TRB-ADR002", "address '" + raw + "' uses the parameter {"
                            + level.text + "} twice; give each level its own name");
                }
                seen.add(level.text);
            }
            if (level.kind == Kind.MULTI && i != parts.length - 1) {
                throw new TributaryException("TRB-ADR003", "address '" + raw + "' has the multi-level wildcard '"
                        + part + "' before its last level; move it to the end");
            }
            levels.add(level);
        }
        return new AddressTemplate(raw, syntax, List.copyOf(levels), sharePrefix);
    }

    private static Level parseLevel(String raw, String part, AddressSyntax syntax) {
        if (part.equals(syntax.singleWildcard())) {
            return new Level(Kind.SINGLE, part);
        }
        if (part.equals(syntax.multiWildcard())) {
            return new Level(Kind.MULTI, part);
        }
        if (part.length() > 2 && part.charAt(0) == '{' && part.charAt(part.length() - 1) == '}'
                && part.charAt(1) != '{') {
            String name = part.substring(1, part.length() - 1);
            if (NAME.matcher(name).matches()) {
                return new Level(Kind.PARAM, name);
            }
        }
        StringBuilder literal = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < part.length() && part.charAt(i + 1) == c) {
                literal.append(c);
                i++;
            } else if (c == '{' || c == '}') {
                throw new TributaryException("TRB-ADR001", "address '" + raw + "': level '" + part
                        + "' mixes a {name} with other text; a parameter must fill a whole level"
                        + " (write '{{' and '}}' for literal braces)");
            } else {
                literal.append(c);
            }
        }
        return new Level(Kind.LITERAL, literal.toString());
    }

    /** The address as written. */
    public String raw() {
        return raw;
    }

    public AddressSyntax syntax() {
        return syntax;
    }

    /** The parameter names, in level order. */
    public List<String> params() {
        return params;
    }

    /** Whether the address has parameters or wildcards (it names many concrete addresses). */
    public boolean isPattern() {
        return pattern;
    }

    /**
     * The address to subscribe to: parameters become the single-level wildcard, literal braces are
     * unescaped. For a broker without wildcards, parameters stay as {@code {name}} (use {@link #toRegex()}).
     */
    public String subscribeAddress() {
        StringBuilder sb = new StringBuilder(raw.length()).append(sharePrefix);
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) {
                sb.append(syntax.separator());
            }
            Level l = levels.get(i);
            if (l.kind == Kind.PARAM) {
                sb.append(syntax.singleWildcard() != null ? syntax.singleWildcard() : "{" + l.text + "}");
            } else {
                sb.append(l.text);
            }
        }
        return sb.toString();
    }

    /** A regular expression matching the concrete addresses of this template (for brokers that subscribe by regex). */
    public String toRegex() {
        StringBuilder sb = new StringBuilder();
        String sep = Pattern.quote(syntax.separator());
        for (int i = 0; i < levels.size(); i++) {
            Level l = levels.get(i);
            switch (l.kind) {
                case LITERAL -> sb.append(i > 0 ? sep : "").append(Pattern.quote(l.text));
                case PARAM, SINGLE -> sb.append(i > 0 ? sep : "").append("[^").append(sep).append("]*");
                case MULTI -> sb.append(syntax.multiMatchesZero() ? "(" + sep + ".*)?" : sep + ".+");
            }
        }
        if (!levels.isEmpty() && levels.get(0).kind == Kind.MULTI) {
            return ".*";
        }
        return sb.toString();
    }

    /**
     * Matches a concrete address (for a shared subscription: the topic, without {@code $share/<group>/}).
     *
     * @return the parameter values (empty map when there are none), or {@code null} when it does not match
     */
    public Map<String, String> match(String address) {
        String[] parts = address.split(Pattern.quote(syntax.separator()), -1);
        Map<String, String> values = params.isEmpty() ? Map.of() : new LinkedHashMap<>();
        int n = levels.size();
        for (int i = 0; i < n; i++) {
            Level l = levels.get(i);
            if (l.kind == Kind.MULTI) {
                int rest = parts.length - i;
                return rest > 0 || syntax.multiMatchesZero() ? values : null;
            }
            if (i >= parts.length) {
                return null;
            }
            switch (l.kind) {
                case LITERAL -> {
                    if (!l.text.equals(parts[i])) {
                        return null;
                    }
                }
                case PARAM -> values.put(l.text, parts[i]);
                default -> { }
            }
        }
        return parts.length == n ? values : null;
    }

    /**
     * The concrete address for a publish: parameters filled from {@code values}. Refuses wildcards
     * ({@code TRB-ADR005}) and missing values ({@code TRB-ADR004}).
     */
    public String fill(Map<String, String> values) {
        if (!sharePrefix.isEmpty()) {
            throw new TributaryException("TRB-ADR005", "cannot publish to '" + raw + "': a shared subscription is "
                    + "not a topic; publish to the topic without '" + sharePrefix + "'");
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) {
                sb.append(syntax.separator());
            }
            Level l = levels.get(i);
            switch (l.kind) {
                case LITERAL -> sb.append(l.text);
                case PARAM -> {
                    String v = values.get(l.text);
                    if (v == null) {
                        throw new TributaryException("TRB-ADR004", "address '" + raw + "' needs a value for {"
                                + l.text + "}; pass it with PublishOptions.builder().pathParam(\"" + l.text + "\", …)");
                    }
                    sb.append(v);
                }
                default -> throw new TributaryException("TRB-ADR005", "cannot publish to '" + raw
                        + "': it contains the wildcard '" + l.text + "'; publish to a concrete address");
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return raw;
    }
}
