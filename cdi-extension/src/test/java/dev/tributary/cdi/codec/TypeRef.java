package dev.tributary.cdi.codec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** Captures a generic type in tests: {@code new TypeRef<List<Order>>() {}.type()}. */
abstract class TypeRef<T> {
    Type type() {
        return ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
    }
}
