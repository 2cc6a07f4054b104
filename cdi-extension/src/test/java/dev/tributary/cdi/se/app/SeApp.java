package dev.tributary.cdi.se.app;

import dev.tributary.Channel;
import dev.tributary.Incoming;
import dev.tributary.Publisher;
import dev.tributary.TributaryStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** The application the SE bootstrap test runs in a child JVM (discovered through its beans.xml). */
@ApplicationScoped
public class SeApp {
    @Inject
    @Channel("se.greetings")
    Publisher<String> greetings;

    void started(@Observes TributaryStarted started) {
        greetings.publish("hello");
    }

    @Incoming("se.greetings")
    void greet(String text) {
        System.out.println("APP-RECEIVED " + text);
        System.out.flush();
    }
}
