package dev.tributary.cdi;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The application's beans as the runtime finds them: every bean the container announced to the extension
 * ({@code ProcessBean}), plus what the extension's {@link BeanManager} resolves. Both, because some servers
 * (Payara) give a library jar's extension a bean manager that does not see the beans of the application's
 * other jars (a connector provider in {@code tributary-outbox-jpa.jar}, a codec in {@code WEB-INF/classes}),
 * while the {@code ProcessBean} events reach the extension for every bean. Used at deployment and start.
 */
final class DeployedBeans {
    private final BeanManager manager;
    private final List<Bean<?>> announced;

    DeployedBeans(BeanManager manager, List<Bean<?>> announced) {
        this.manager = manager;
        this.announced = List.copyOf(announced);
    }

    BeanManager manager() {
        return manager;
    }

    /** Every bean with {@code type} among its bean types, any qualifier. */
    Set<Bean<?>> all(Type type) {
        Set<Bean<?>> out = new LinkedHashSet<>();
        for (Bean<?> b : announced) {
            if (b.getTypes().contains(type)) {
                out.add(b);
            }
        }
        if (manager != null) {
            try {
                out.addAll(manager.getBeans(type, Any.Literal.INSTANCE));
            } catch (RuntimeException notResolvable) {
                // the announced beans stand
            }
        }
        return out;
    }

    /** References to every bean of {@code type}. */
    <T> List<T> references(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Bean<?> b : all(type)) {
            out.add(type.cast(manager.getReference(b, type, manager.createCreationalContext(b))));
        }
        return out;
    }

    /**
     * A reference to the one {@code @Default} bean of {@code type} (alternatives resolved by the container);
     * {@code null} when there is none or the choice is ambiguous.
     */
    <T> T reference(Class<T> type) {
        if (manager == null) {
            return null;
        }
        Set<Bean<?>> candidates = new LinkedHashSet<>();
        for (Bean<?> b : all(type)) {
            if (b.getQualifiers().stream().anyMatch(q -> q.annotationType() == Default.class)) {
                candidates.add(b);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        try {
            Bean<?> bean = manager.resolve(candidates);
            return bean == null ? null : type.cast(manager.getReference(bean, type, manager.createCreationalContext(bean)));
        } catch (RuntimeException ambiguous) {
            return null;
        }
    }

    /**
     * Whether any of the application's beans has the given scope. The container's built-in beans (the request-scoped
     * {@code Conversation} every CDI container has, a server's {@code HttpServletRequest}) do not count: they are no
     * reason to open a request context around message handlers.
     */
    boolean anyWithScope(Class<? extends Annotation> scope) {
        return announced.stream().anyMatch(b -> b.getScope() == scope && !builtIn(b));
    }

    private static boolean builtIn(Bean<?> b) {
        for (Type t : b.getTypes()) {
            if (t instanceof Class<?> c && BUILT_IN_TYPES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> BUILT_IN_TYPES = Set.of("jakarta.enterprise.context.Conversation",
            "jakarta.servlet.http.HttpServletRequest", "jakarta.servlet.http.HttpSession");
}
