package dev.tributary.tck;

import org.junit.jupiter.api.Nested;

/**
 * The whole TCK in one class: extend it, return your {@link TckProvider}, and every contract area runs as a
 * nested group of tests.
 *
 * <pre>{@code
 * class KafkaConnectorTckTest extends ConnectorTck {
 *     @Override
 *     protected TckProvider provider() { return new KafkaTckProvider(); }
 * }
 * }</pre>
 *
 * <p>To run only some areas, extend the area suites instead ({@link BodyContract}, {@link HeaderContract}, …).
 */
public abstract class ConnectorTck {

    /** The connector author's provider (see {@link TckContract#provider()}). */
    protected abstract TckProvider provider();

    @Nested
    class Bodies extends BodyContract {
        @Override
        protected TckProvider provider() {
            return ConnectorTck.this.provider();
        }
    }

    @Nested
    class Headers extends HeaderContract {
        @Override
        protected TckProvider provider() {
            return ConnectorTck.this.provider();
        }
    }

    @Nested
    class RequestReply extends RequestReplyContract {
        @Override
        protected TckProvider provider() {
            return ConnectorTck.this.provider();
        }
    }

    @Nested
    class Acknowledgement extends AckContract {
        @Override
        protected TckProvider provider() {
            return ConnectorTck.this.provider();
        }
    }

    @Nested
    class Concurrency extends ConcurrencyContract {
        @Override
        protected TckProvider provider() {
            return ConnectorTck.this.provider();
        }
    }

    @Nested
    class Addresses extends AddressContract {
        @Override
        protected TckProvider provider() {
            return ConnectorTck.this.provider();
        }
    }

    @Nested
    class Backpressure extends BackpressureContract {
        @Override
        protected TckProvider provider() {
            return ConnectorTck.this.provider();
        }
    }

    @Nested
    class Lifecycle extends LifecycleContract {
        @Override
        protected TckProvider provider() {
            return ConnectorTck.this.provider();
        }
    }

    @Nested
    class BadInput extends BadInputContract {
        @Override
        protected TckProvider provider() {
            return ConnectorTck.this.provider();
        }
    }
}
