package dev.tributary.examples.quickstart;

import dev.tributary.cdi.se.Tributary;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the quickstart on the embedded in-memory broker with the transactional outbox on H2 + Narayana: three
 * orders are saved with their events in one transaction each, one order is refused and rolled back (its event
 * never leaves), and one malformed message goes straight to the broker. Billing asks the customer directory
 * (request/reply) and publishes invoices; the ledger books them and ships each to its region. Prints the flow,
 * checks the outcome and exits 0 (1 if something is missing or something leaked).
 */
public final class QuickstartMain {
    /** Held so that the levels stay set (java.util.logging keeps loggers weakly). */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.hibernate"), Logger.getLogger("com.arjuna"),
            Logger.getLogger("io.agroal"), Logger.getLogger("org.jboss"));

    private QuickstartMain() {
    }

    public static void main(String[] args) throws Exception {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        // Narayana keeps its transaction log in a directory of our choice, and needs no network listener
        String store = Path.of(System.getProperty("java.io.tmpdir"), "tributary-quickstart-" + ProcessHandle.current().pid())
                .toString();
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", store);
        System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", store);
        System.setProperty("CoordinatorEnvironmentBean.transactionStatusManagerEnable", "false");

        boolean ok;
        try (Tributary.Running app = Tributary.start()) {
            Shop shop = app.select(Shop.class);
            Ledger ledger = app.select(Ledger.class);
            Shipping shipping = app.select(Shipping.class);
            Database database = app.select(Database.class);

            shop.place(new Order("o-1", "c-1", List.of(new Order.Line("book", 2, new BigDecimal("12.50")))), "eu");
            shop.placeGarbage().toCompletableFuture().get();
            shop.place(new Order("o-2", "c-2", List.of(new Order.Line("pen", 10, new BigDecimal("1.20")),
                    new Order.Line("ink", 1, new BigDecimal("4.00")))), "us");
            try {
                shop.place(new Order("o-4", "c-1", List.of()), "eu");
            } catch (RuntimeException refused) {
                System.out.printf("shop      x %s: rolled back, its event is never relayed%n", refused.getMessage());
            }
            shop.place(new Order("o-3", "c-9", List.of(new Order.Line("lamp", 1, new BigDecimal("30.00")))), "eu");

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((ledger.booked().size() < 3 || shipping.shipped().size() < 3 || database.count("tributary_outbox") > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long saved = database.count("placed_order");
            long pending = database.count("tributary_outbox");
            boolean leaked = ledger.booked().stream().anyMatch(i -> i.orderId().equals("o-4"));
            ok = ledger.booked().size() == 3 && shipping.shipped().size() == 3 && saved == 3 && pending == 0 && !leaked;
            System.out.printf("%nsummary: %d orders saved, %d outbox rows left; %d invoices booked %s, shipped %s;"
                    + " the refused order left no trace; the malformed order was rejected%n", saved, pending,
                    ledger.booked().size(), ledger.booked().stream().map(Invoice::orderId).toList(), shipping.shipped());
        }
        System.out.println(ok ? "quickstart OK" : "quickstart FAILED: not every order made it through, or one leaked");
        System.exit(ok ? 0 : 1);
    }
}
