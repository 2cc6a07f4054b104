package dev.tributary.kafka;

import dev.tributary.tck.ConnectorTck;
import dev.tributary.tck.TckProvider;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connector TCK against the in-JVM KRaft broker. */
@ExtendWith(KafkaTckProvider.SharedBroker.class)
class KafkaConnectorTckTest extends ConnectorTck {

    @Override
    protected TckProvider provider() {
        return new KafkaTckProvider();
    }
}
