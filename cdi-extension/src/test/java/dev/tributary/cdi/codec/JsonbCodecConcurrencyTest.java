package dev.tributary.cdi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.Codec;
import dev.tributary.EncodedBody;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One codec, its decoders and encoders shared by many threads, each checking its own distinct values. */
class JsonbCodecConcurrencyTest {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 2_000;

    @Test
    void manyThreadsDecodeAndEncodeCorrectlyAtOnce() throws Exception {
        JsonbCodec codec = new JsonbCodec(); // Jsonb created lazily, raced by the first calls below
        Type orders = new TypeRef<List<Order>>() { }.type();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    Codec.Decoder<Order> one = codec.decoder(Order.class);
                    Codec.Decoder<List<Order>> many = codec.decoder(orders);
                    Codec.Decoder<Object> any = codec.decoder(Object.class);
                    Codec.Decoder<String> text = codec.decoder(String.class);
                    Codec.Encoder encoder = codec.encoder(Object.class);
                    int checked = 0;
                    for (int i = 0; i < PER_THREAD; i++) {
                        Order order = new Order("t" + thread + "-" + i + "-é", i);
                        EncodedBody body = encoder.encode(order);
                        assertThat(one.decode(body.bytes(), body.contentType())).isEqualTo(order);
                        assertThat(one.decode(body.bytes(), null)).isEqualTo(order);
                        assertThat(any.decode(body.bytes(), "application/json"))
                                .isEqualTo(Map.of("id", order.id(), "qty", new BigDecimal(i)));
                        byte[] list = ("[" + new String(body.bytes(), java.nio.charset.StandardCharsets.UTF_8) + "]")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        assertThat(many.decode(list, null)).containsExactly(order);
                        EncodedBody plain = encoder.encode(order.id());
                        assertThat(text.decode(plain.bytes(), plain.contentType())).isEqualTo(order.id());
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(THREADS * PER_THREAD);
        } finally {
            pool.shutdownNow();
        }
    }
}
