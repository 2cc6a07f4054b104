package dev.tributary.examples.orders;

/** The order service in WildFly 39 (managed, standalone-microprofile.xml). */
class WildFlyOrderServiceIT extends OrderServiceContract {
}
