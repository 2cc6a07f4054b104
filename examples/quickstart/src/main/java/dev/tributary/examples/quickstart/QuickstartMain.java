package dev.tributary.examples.quickstart;

import dev.tributary.cdi.se.Tributary;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Runs the quickstart on the embedded in-memory broker: three orders and one malformed message go in;
 * billing asks the customer directory (request/reply), publishes invoices; the ledger books them and
 * ships each to its region. Prints the flow, checks the outcome and exits 0 (1 if something is missing).
 */
public final class QuickstartMain {

    private QuickstartMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean ok;
        try (Tributary.Running app = Tributary.start()) {
            Shop shop = app.select(Shop.class);
            Ledger ledger = app.select(Ledger.class);
            Shipping shipping = app.select(Shipping.class);

            shop.place(new Order("o-1", "c-1", List.of(new Order.Line("book", 2, new BigDecimal("12.50")))), "eu")
                    .toCompletableFuture().get();
            shop.placeGarbage().toCompletableFuture().get();
            shop.place(new Order("o-2", "c-2", List.of(new Order.Line("pen", 10, new BigDecimal("1.20")),
                    new Order.Line("ink", 1, new BigDecimal("4.00")))), "us").toCompletableFuture().get();
            shop.place(new Order("o-3", "c-9", List.of(new Order.Line("lamp", 1, new BigDecimal("30.00")))), "eu")
                    .toCompletableFuture().get();

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((ledger.booked().size() < 3 || shipping.shipped().size() < 3) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            ok = ledger.booked().size() == 3 && shipping.shipped().size() == 3;
            System.out.printf("%nsummary: %d invoices booked %s, shipped %s; the malformed order was rejected%n",
                    ledger.booked().size(), ledger.booked().stream().map(Invoice::orderId).toList(), shipping.shipped());
        }
        System.out.println(ok ? "quickstart OK" : "quickstart FAILED: not every order made it through");
        System.exit(ok ? 0 : 1);
    }
}
