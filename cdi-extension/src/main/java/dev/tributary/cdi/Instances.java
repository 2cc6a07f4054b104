package dev.tributary.cdi;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Obtains instances of user-named classes (codecs, middlewares, filters): the CDI bean when the class is
 * one, else one instance made with its public no-argument constructor. One instance per class, shared.
 * Used during deployment (single thread) and by dynamic subscriptions (any thread).
 */
final class Instances {
    private final DeployedBeans beans;
    private final Map<Class<?>, Object> cache = new ConcurrentHashMap<>();

    Instances(DeployedBeans beans) {
        this.beans = beans;
    }

    /** The instance, or {@code null} when the class is neither a bean nor has a public no-argument constructor. */
    <T> T obtain(Class<T> type) {
        Object existing = cache.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        T made = make(type);
        if (made != null) {
            Object raced = cache.putIfAbsent(type, made);
            return type.cast(raced != null ? raced : made);
        }
        return null;
    }

    private <T> T make(Class<T> type) {
        if (beans != null) {
            T bean = beans.reference(type);
            if (bean != null) {
                return bean;
            }
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return null;
        }
        try {
            Constructor<T> ctor = type.getConstructor();
            return ctor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
