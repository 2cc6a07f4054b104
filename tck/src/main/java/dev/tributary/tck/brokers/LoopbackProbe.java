package dev.tributary.tck.brokers;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One short-lived readiness conversation with a broker on the loopback interface: connect, write a
 * few protocol bytes, read the answer. Connect and read are bounded by a small timeout so a probe
 * never hangs on a half-started broker.
 */
final class LoopbackProbe implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 500;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private LoopbackProbe(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static LoopbackProbe connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(Broker.HOST, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            return new LoopbackProbe(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Whether something accepts TCP connections on the port right now. */
    static boolean isListening(int port) {
        try (LoopbackProbe ignored = connect(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    LoopbackProbe write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    DataInputStream in() {
        return in;
    }

    /** Reads one line ending in LF (the CR, if any, is dropped); null at end of stream. */
    String readLine(int maxLength) throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream input = in;
        for (int b = input.read(); b != -1; b = input.read()) {
            if (b == '\n') {
                return line.toString();
            }
            if (b != '\r') {
                line.append((char) b);
            }
            if (line.length() > maxLength) {
                return line.toString();
            }
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
