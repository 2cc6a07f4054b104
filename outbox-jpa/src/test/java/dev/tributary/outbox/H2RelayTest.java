package dev.tributary.outbox;

import dev.tributary.outbox.testing.OutboxEnvironment;

class H2RelayTest extends RelayContract {
    @Override
    OutboxEnvironment.Database database() {
        return OutboxEnvironment.Database.H2;
    }
}
