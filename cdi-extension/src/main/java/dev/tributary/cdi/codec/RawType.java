package dev.tributary.cdi.codec;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;

/** The erased class of a declared type; called once per type when encoders and decoders are built. */
final class RawType {
    private RawType() {
    }

    static Class<?> of(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return of(p.getRawType());
        }
        if (type instanceof GenericArrayType g) {
            return Array.newInstance(of(g.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType w) {
            return of(w.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> v) {
            return of(v.getBounds()[0]);
        }
        return Object.class;
    }
}
