package dev.tributary.examples.orders;

/** The order service in Open Liberty 26 (managed; server.xml in src/test/servers/liberty). */
class OpenLibertyOrderServiceIT extends OrderServiceContract {
}
