package dev.tributary.tck;

/** The in-memory connector passes every test it claims (the worked example of tck/README.md). */
class MemoryConnectorTckTest extends ConnectorTck {

    @Override
    protected TckProvider provider() {
        return new MemoryTckProvider();
    }
}
