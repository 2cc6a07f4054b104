package dev.tributary.examples.orders;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The Jakarta REST application: every resource of this WAR lives under {@code /api}. */
@ApplicationPath("api")
public class OrdersApplication extends Application {
}
