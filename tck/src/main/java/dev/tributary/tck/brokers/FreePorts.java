package dev.tributary.tck.brokers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free loopback ports, asked from the kernel. A port handed out once is never handed out again in
 * this JVM (brokers keep their ports across restarts).
 */
final class FreePorts {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    static synchronized int next() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Broker.HOST))) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new BrokerException("TRB-TCK105", "cannot find a free loopback port", e);
            }
        }
        throw new BrokerException("TRB-TCK105", "cannot find a free loopback port not used before");
    }
}
