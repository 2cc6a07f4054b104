package dev.tributary.cdi;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.function.Function;

/**
 * Converts header and path-parameter text to a parameter type: {@code String}, {@code Optional<String>},
 * primitive or boxed numbers and {@code boolean}. Built once per parameter; thread-safe.
 */
final class TextConverter {
    private TextConverter() {
    }

    /** The converter for the type, or {@code null} when the type is not supported. */
    static Function<String, Object> forType(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class
                && p.getActualTypeArguments()[0] == String.class) {
            return Optional::ofNullable;
        }
        if (!(type instanceof Class<?> c)) {
            return null;
        }
        if (c == String.class || c == Object.class || c == CharSequence.class) {
            return s -> s;
        }
        if (c == int.class || c == Integer.class) {
            return s -> s == null ? null : Integer.valueOf(s.trim());
        }
        if (c == long.class || c == Long.class) {
            return s -> s == null ? null : Long.valueOf(s.trim());
        }
        if (c == short.class || c == Short.class) {
            return s -> s == null ? null : Short.valueOf(s.trim());
        }
        if (c == byte.class || c == Byte.class) {
            return s -> s == null ? null : Byte.valueOf(s.trim());
        }
        if (c == double.class || c == Double.class) {
            return s -> s == null ? null : Double.valueOf(s.trim());
        }
        if (c == float.class || c == Float.class) {
            return s -> s == null ? null : Float.valueOf(s.trim());
        }
        if (c == boolean.class || c == Boolean.class) {
            return s -> s == null ? null : Boolean.valueOf(s.trim());
        }
        return null;
    }

    /** Whether a missing value cannot be bound (a primitive needs a value). */
    static boolean needsValue(Type type) {
        return type instanceof Class<?> c && c.isPrimitive();
    }
}
