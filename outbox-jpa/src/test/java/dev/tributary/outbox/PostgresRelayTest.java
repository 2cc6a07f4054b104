package dev.tributary.outbox;

import dev.tributary.outbox.testing.OutboxEnvironment;

class PostgresRelayTest extends RelayContract {
    @Override
    OutboxEnvironment.Database database() {
        return OutboxEnvironment.Database.POSTGRES;
    }
}
