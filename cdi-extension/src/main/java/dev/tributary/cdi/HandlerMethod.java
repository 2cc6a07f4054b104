package dev.tributary.cdi;

import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import java.lang.reflect.Method;

/** A method carrying {@code @Incoming}/{@code @Outgoing}, found on a managed bean during discovery. */
record HandlerMethod(Bean<?> bean, AnnotatedType<?> type, Method method) {
}
