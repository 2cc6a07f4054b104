package dev.tributary.examples.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/runtime/threads}: this JVM's identity and its live threads that belong to Tributary or to
 * kafka-clients (by name), each with its id. The redeploy test compares them before an undeploy and after the
 * next deploy into the same JVM: a runtime that leaves a consumer, producer or timer thread behind shows up as
 * an id that is still alive.
 */
@Path("runtime")
@ApplicationScoped
public class RuntimeResource {

    /** One live thread. */
    public record LiveThread(long id, String name) {
    }

    /** The JVM ({@code <pid>@<start instant>}) and its messaging threads. */
    public record Threads(String jvm, List<LiveThread> threads) {
    }

    @GET
    @Path("threads")
    @Produces(MediaType.APPLICATION_JSON)
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+, this WAR runs on 17
    public Threads threads() {
        ProcessHandle self = ProcessHandle.current();
        String jvm = self.pid() + "@" + self.info().startInstant().map(Object::toString).orElse("?");
        return new Threads(jvm, Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> isMessagingThread(t.getName()))
                .map(t -> new LiveThread(t.getId(), t.getName()))
                .sorted(Comparator.comparing(LiveThread::name).thenComparingLong(LiveThread::id))
                .toList());
    }

    static boolean isMessagingThread(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("tributary") || n.contains("kafka");
    }
}
