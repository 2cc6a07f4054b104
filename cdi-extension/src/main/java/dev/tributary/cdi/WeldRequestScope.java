package dev.tributary.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import org.jboss.weld.context.RequestContext;
import org.jboss.weld.context.unbound.UnboundLiteral;

/**
 * {@link RequestScope} through Weld's unbound request context. Only loaded after {@link RequestScope#of}
 * saw Weld's API on the class path.
 */
final class WeldRequestScope implements RequestScope {
    private final RequestContext context;

    private WeldRequestScope(RequestContext context) {
        this.context = context;
    }

    static RequestScope of(BeanManager beans) {
        return new WeldRequestScope(beans.createInstance().select(RequestContext.class, UnboundLiteral.INSTANCE).get());
    }

    @Override
    public boolean begin() {
        if (context.isActive()) {
            return false;
        }
        context.activate();
        return true;
    }

    @Override
    public void end() {
        try {
            context.invalidate();
        } finally {
            context.deactivate();
        }
    }
}
