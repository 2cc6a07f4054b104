package dev.tributary.examples.orders;

import java.util.concurrent.TimeUnit;

/** The order service in Payara Micro 6 (managed: one Payara Micro process per deployment). */
class PayaraMicroOrderServiceIT extends OrderServiceContract {

    /**
     * The adapter "undeploys" by sending SIGTERM to the Payara Micro process and does not wait for it: wait until
     * that process has finished its shutdown, or the next deployment's process cannot bind the HTTP port.
     */
    @Override
    void afterUndeploy(long serverPid) throws Exception {
        var process = ProcessHandle.of(serverPid);
        if (process.isPresent()) {
            process.get().onExit().get(60, TimeUnit.SECONDS);
        }
    }
}
