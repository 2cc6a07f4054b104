package dev.tributary.cdi;

/** Calls one handler for one delivery and returns what it returned. Called on the lane's worker thread. */
@FunctionalInterface
interface Invoker {
    Object invoke(Delivery delivery) throws Throwable;
}
