package dev.tributary.tck;

import dev.tributary.spi.ConnectorProvider;
import java.time.Duration;

/**
 * The TCK run on each {@link FaultyConnector.Fault}. Not run by Surefire (the name matches no test pattern
 * and nested classes are excluded): {@link FaultyConnectorsTest} runs them through the JUnit Platform launcher.
 */
final class FaultyTcks {
    private FaultyTcks() {
    }

    /** The memory provider, with the faulty connector instead and a shorter patience (failing tests wait it out). */
    static final class FaultyProvider extends MemoryTckProvider {
        private final FaultyConnector.Fault fault;

        FaultyProvider(FaultyConnector.Fault fault) {
            this.fault = fault;
        }

        @Override
        public String name() {
            return fault.type();
        }

        @Override
        public String connectorType() {
            return fault.type();
        }

        @Override
        public ConnectorProvider connectorProvider() {
            return new FaultyConnector.Provider(fault);
        }

        @Override
        public Duration patience() {
            return Duration.ofSeconds(1);
        }
    }

    abstract static class Faulty extends ConnectorTck {
        abstract FaultyConnector.Fault fault();

        @Override
        protected TckProvider provider() {
            return new FaultyProvider(fault());
        }
    }

    static class DropsHeaders extends Faulty {
        @Override
        FaultyConnector.Fault fault() {
            return FaultyConnector.Fault.DROPS_HEADERS;
        }
    }

    static class AcksBeforeHandler extends Faulty {
        @Override
        FaultyConnector.Fault fault() {
            return FaultyConnector.Fault.ACKS_BEFORE_HANDLER;
        }
    }

    static class LosesOnNack extends Faulty {
        @Override
        FaultyConnector.Fault fault() {
            return FaultyConnector.Fault.LOSES_ON_NACK;
        }
    }

    static class IgnoresMaxWorkers extends Faulty {
        @Override
        FaultyConnector.Fault fault() {
            return FaultyConnector.Fault.IGNORES_MAX_WORKERS;
        }
    }

    static class NeverAnswersRequests extends Faulty {
        @Override
        FaultyConnector.Fault fault() {
            return FaultyConnector.Fault.NEVER_ANSWERS_REQUESTS;
        }
    }

    static class SwallowsPublishErrors extends Faulty {
        @Override
        FaultyConnector.Fault fault() {
            return FaultyConnector.Fault.SWALLOWS_PUBLISH_ERRORS;
        }
    }

    static class ClaimsNothing extends Faulty {
        @Override
        FaultyConnector.Fault fault() {
            return FaultyConnector.Fault.CLAIMS_NOTHING;
        }
    }
}
