package dev.tributary.tck.brokers;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every broker started in this JVM and not closed yet; one JVM shutdown hook closes them all, so a
 * test run that forgets a broker (or is interrupted with Ctrl-C / SIGTERM) leaves no process behind.
 */
final class LiveBrokers {

    private static final Set<Broker> LIVE = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private LiveBrokers() {
    }

    static synchronized void register(Broker broker) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(LiveBrokers::closeAll, "tributary-broker-reaper"));
            hookInstalled = true;
        }
        LIVE.add(broker);
    }

    static synchronized void unregister(Broker broker) {
        LIVE.remove(broker);
    }

    private static void closeAll() {
        List<Broker> brokers;
        synchronized (LiveBrokers.class) {
            brokers = new ArrayList<>(LIVE);
        }
        for (Broker broker : brokers) {
            try {
                broker.close();
            } catch (RuntimeException e) {
                System.getLogger(Broker.class.getName()).log(Level.WARNING,
                        "TRB-TCK104: closing " + broker + " at JVM exit failed: " + e);
            }
        }
    }
}
