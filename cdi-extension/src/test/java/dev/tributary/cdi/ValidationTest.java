package dev.tributary.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tributary.Channel;
import dev.tributary.Filter;
import dev.tributary.Header;
import dev.tributary.Incoming;
import dev.tributary.Middleware;
import dev.tributary.Outgoing;
import dev.tributary.PathParam;
import dev.tributary.Publisher;
import dev.tributary.UseMiddleware;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per deployment validation code; each asserts the code, the method and a fix hint. */
class ValidationTest {

    /** Starts the app expecting a deployment failure; returns the report text. */
    static String failure(Map<String, String> config, Class<?>... beans) {
        Throwable t = catchThrowable(() -> TestApp.start(config, beans).close());
        assertThat(t).as("deployment must fail").isNotNull();
        Throwable d = t;
        while (d != null && !(d instanceof DeploymentException)) {
            d = d.getCause();
        }
        assertThat(d).as("a DeploymentException in " + t).isNotNull();
        StringBuilder all = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause()) {
            all.append(x.getMessage()).append('\n');
        }
        return all.toString();
    }

    static String failure(Class<?>... beans) {
        return failure(Map.of(), beans);
    }

    @ApplicationScoped
    static class UnknownConnector {
        @Incoming(value = "a", connector = "nope")
        void on(String s) {
        }
    }

    @Test
    void cdi001UnknownConnector() {
        assertThat(failure(UnknownConnector.class)).contains("TRB-CDI001", UnknownConnector.class.getName() + "#on",
                "nope", "Fix:");
    }

    @ApplicationScoped
    static class NoConnectorChosen {
        @Incoming("a")
        void on(String s) {
        }
    }

    @Test
    void cdi002AmbiguousDefaultConnector() {
        String r = failure(TestApp.config("tributary.connectors.one.type", "memory", "tributary.connectors.two.type", "memory"),
                NoConnectorChosen.class);
        assertThat(r).contains("TRB-CDI002", NoConnectorChosen.class.getName() + "#on", "tributary.default-connector");
    }

    @Test
    void defaultConnectorSettingResolvesAmbiguity() {
        try (TestApp app = TestApp.start(TestApp.config("tributary.connectors.one.type", "memory",
                "tributary.connectors.two.type", "memory", "tributary.default-connector", "two"), NoConnectorChosen.class)) {
            assertThat(app.runtime().running()).singleElement().extracting(TributaryRuntime.Running::connector).isEqualTo("two");
        }
    }

    @Test
    void cdi003NoConnector() {
        // the only configured connector has a type nobody provides, so no connector exists at all
        String r = failure(TestApp.config("tributary.connectors.x.type", "carrier-pigeon"), NoConnectorChosen.class);
        assertThat(r).contains("TRB-CDI003", NoConnectorChosen.class.getName() + "#on").contains("TRB-CDI001", "carrier-pigeon");
    }

    @ApplicationScoped
    static class TwoBodies {
        @Incoming("a")
        void on(String one, String two) {
        }
    }

    @Test
    void cdi004TwoBodyParameters() {
        assertThat(failure(TwoBodies.class)).contains("TRB-CDI004", TwoBodies.class.getName() + "#on");
    }

    @ApplicationScoped
    static class BadHeaderType {
        @Incoming("a")
        void on(String body, @Header("h") List<String> h) {
        }
    }

    @Test
    void cdi005UnsupportedParameterType() {
        assertThat(failure(BadHeaderType.class)).contains("TRB-CDI005", BadHeaderType.class.getName() + "#on", "@Header");
    }

    /** Looks like a broker metadata type of a connector that is not present. */
    public static final class KafkaLikeMetadata {
    }

    @ApplicationScoped
    static class ForeignMetadata {
        @Incoming("a")
        void on(String body, KafkaLikeMetadata meta) {
        }
    }

    @Test
    void cdi006MetadataTypeNotOffered() {
        assertThat(failure(ForeignMetadata.class)).contains("TRB-CDI006", ForeignMetadata.class.getName() + "#on",
                "KafkaLikeMetadata");
    }

    @ApplicationScoped
    static class MissingPathParam {
        @Incoming("devices.{id}")
        void on(String body, @PathParam("device") String device) {
        }
    }

    @Test
    void cdi007PathParamNotInTemplate() {
        assertThat(failure(MissingPathParam.class)).contains("TRB-CDI007", MissingPathParam.class.getName() + "#on", "device");
    }

    @ApplicationScoped
    static class PartialLevel {
        @Incoming("devices.x{id}")
        void on(String body) {
        }
    }

    @Test
    void cdi008ParamNotFillingLevel() {
        assertThat(failure(PartialLevel.class)).contains("TRB-CDI008", "TRB-ADR001", PartialLevel.class.getName() + "#on");
    }

    @ApplicationScoped
    static class NameTwice {
        @Incoming("a.{id}.{id}")
        void on(String body) {
        }
    }

    @Test
    void cdi009NameUsedTwice() {
        assertThat(failure(NameTwice.class)).contains("TRB-CDI009", "TRB-ADR002", NameTwice.class.getName() + "#on");
    }

    @ApplicationScoped
    static class VoidOutgoing {
        @Incoming("a")
        @Outgoing("b")
        void on(String body) {
        }
    }

    @Test
    void cdi010OutgoingOnVoid() {
        assertThat(failure(VoidOutgoing.class)).contains("TRB-CDI010", VoidOutgoing.class.getName() + "#on");
    }

    @ApplicationScoped
    static class WildcardOutgoing {
        @Incoming("a")
        @Outgoing("b.*")
        String on(String body) {
            return body;
        }
    }

    @ApplicationScoped
    static class WildcardChannel {
        @Inject
        @Channel("c.>")
        Publisher<String> p;
    }

    @Test
    void cdi011PublishingToWildcard() {
        String r = failure(WildcardOutgoing.class, WildcardChannel.class);
        assertThat(r).contains("TRB-CDI011", WildcardOutgoing.class.getName() + "#on", WildcardChannel.class.getName() + "#p");
    }

    @ApplicationScoped
    static class TwoFallbacks {
        @Incoming("a")
        void one(String body) {
        }

        @Incoming("a")
        void two(String body) {
        }

        @Incoming("a")
        @Filter(headers = "x")
        void filtered(String body) {
        }
    }

    @Test
    void cdi012TwoUnfilteredHandlers() {
        assertThat(failure(TwoFallbacks.class)).contains("TRB-CDI012", "#one", "#two").doesNotContain("#filtered");
    }

    static final class NoDefaultConstructor implements Middleware {
        NoDefaultConstructor(String x) {
        }
    }

    @ApplicationScoped
    @UseMiddleware(NoDefaultConstructor.class)
    static class UnusableMiddleware {
        @Incoming("a")
        void on(String body) {
        }
    }

    @Test
    void cdi013UnusableClass() {
        assertThat(failure(UnusableMiddleware.class)).contains("TRB-CDI013", NoDefaultConstructor.class.getName());
    }

    @ApplicationScoped
    static class Plain {
        @Incoming("plain")
        void on(String body) {
        }
    }

    @Test
    void cdi014InvalidConfigurationValue() {
        String r = failure(TestApp.config("tributary.channels.plain.ack-policy", "sometimes",
                "tributary.channels.plain.max-workers", "many"), Plain.class);
        assertThat(r).contains("TRB-CDI014", "tributary.channels.plain.ack-policy", "sometimes",
                "tributary.channels.plain.max-workers");
    }

    @ApplicationScoped
    static class PrivateHandler {
        @Incoming("a")
        private void on(String body) {
        }
    }

    @Test
    void cdi015UnusableHandlerMethod() {
        assertThat(failure(PrivateHandler.class)).contains("TRB-CDI015", PrivateHandler.class.getName() + "#on", "private");
    }

    @Test
    void reportsEveryProblemInOneException() {
        String r = failure(UnknownConnector.class, TwoBodies.class, VoidOutgoing.class, NameTwice.class, PrivateHandler.class);
        assertThat(r).contains("TRB-CDI001", "TRB-CDI004", "TRB-CDI010", "TRB-CDI009", "TRB-CDI015",
                "TRB-CDI012", "6 deployment problems");
    }
}
