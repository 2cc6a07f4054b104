package dev.tributary.tck.brokers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free loopback ports. A port handed out once is never handed out again in this JVM (brokers keep their
 * ports across restarts). Ports come from below the kernel's ephemeral range (ip_local_port_range): a port the
 * kernel hands out with {@code bind(0)} is also one it hands to outgoing connections, so another process's client
 * socket could take it between our check and the broker's bind ("Address already in use"); below that range only
 * listeners that ask for a port by number compete.
 */
final class FreePorts {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final java.util.Random RANDOM = new java.util.Random();

    private FreePorts() {
    }

    static synchronized int next() {
        int low = 10000;
        int high = ephemeralLow() - 1;
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = high > low + 1000 ? low + RANDOM.nextInt(high - low) : 0;
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(Broker.HOST))) {
                int bound = socket.getLocalPort();
                if (HANDED_OUT.add(bound)) {
                    return bound;
                }
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new BrokerException("TRB-TCK105", "cannot find a free loopback port not used before");
    }

    /** The first port of the kernel's ephemeral range (32768 when it cannot be read). */
    private static int ephemeralLow() {
        try {
            // Files.readString trusts the file size, which procfs reports wrongly: read the stream instead
            String range;
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(
                    java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                range = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            }
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
