package dev.tributary.cdi.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.function.Function;

/**
 * Parsers from {@code text/plain} to scalar targets (numbers, booleans, characters, enums by name), as
 * FastStream's peers send {@code "42"} or {@code "true"} as text. Chosen once per target type.
 */
final class TextScalars {
    private TextScalars() {
    }

    /** The parser for this target, or {@code null} when the target is not a scalar. */
    static Function<String, Object> parserFor(Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return Integer::valueOf;
        }
        if (raw == long.class || raw == Long.class) {
            return Long::valueOf;
        }
        if (raw == double.class || raw == Double.class) {
            return Double::valueOf;
        }
        if (raw == float.class || raw == Float.class) {
            return Float::valueOf;
        }
        if (raw == short.class || raw == Short.class) {
            return Short::valueOf;
        }
        if (raw == byte.class || raw == Byte.class) {
            return Byte::valueOf;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return TextScalars::parseBoolean;
        }
        if (raw == char.class || raw == Character.class) {
            return TextScalars::parseChar;
        }
        if (raw == BigDecimal.class) {
            return BigDecimal::new;
        }
        if (raw == BigInteger.class) {
            return BigInteger::new;
        }
        if (raw.isEnum()) {
            return enumParser(raw);
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Function<String, Object> enumParser(Class<?> raw) {
        Class<? extends Enum> type = (Class<? extends Enum>) raw;
        return text -> Enum.valueOf(type, text);
    }

    private static Object parseBoolean(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("not a boolean");
        }
    }

    private static Object parseChar(String text) {
        if (text.length() != 1) {
            throw new IllegalArgumentException("not a single character");
        }
        return text.charAt(0);
    }
}
