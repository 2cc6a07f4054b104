package dev.tributary.memory.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against the application's real handlers on in-memory brokers (FastStream's
 * {@code TestBroker}). Before the first test, Weld SE boots with the application's beans and
 * {@code tributary.testing.substitute-connectors=true}: the runtime then creates every configured connector
 * (kafka, mqtt, nats, …) as a memory connector that matches addresses as the replaced broker does. After
 * the last test the container shuts down and the system properties are restored.
 *
 * <p>Inject the {@link TestBroker} as a test method parameter or field, and the application's beans into
 * {@code @Inject} fields of the test. Recorded calls are cleared before each test. One container per test
 * class; test classes must not run in parallel with each other in one JVM (system properties are global).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(TestBrokerExtension.class)
public @interface TributaryTest {

    /** Scan the class path's bean archives (jars and folders with {@code META-INF/beans.xml}). */
    boolean discovery() default true;

    /** Also deploy every class of the packages of these classes (and their sub-packages) as beans. */
    Class<?>[] packages() default {};

    /** Also deploy these bean classes. */
    Class<?>[] beanClasses() default {};

    /** System properties ({@code key=value}) set while the container runs, for example connector configuration. */
    String[] properties() default {};

    /** How long {@link TestBroker#publish} and {@link TestBroker#request} wait for handlers and replies. */
    long timeoutMillis() default 10_000;
}
