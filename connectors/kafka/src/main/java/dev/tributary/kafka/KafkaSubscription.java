package dev.tributary.kafka;

import dev.tributary.AckPolicy;
import dev.tributary.spi.InboundSink;
import dev.tributary.spi.Subscription;
import dev.tributary.spi.SubscriptionSpec;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One Kafka consumer and the thread that polls it. The poll thread is the only one to touch the consumer; it
 * never runs user code: it hands records to the {@link InboundSink} (which queues them for the runtime's
 * workers) and keeps the offset bookkeeping.
 *
 * <ul>
 * <li>Commits: every {@code commit.interval} the poll thread commits, with {@code commitAsync}, the highest
 *     contiguous processed offset of each partition ({@link PartitionTrack}); never a synchronous commit per
 *     record. On revocation and on stop it commits synchronously what was processed.</li>
 * <li>Nack: the poll thread seeks the partition back to the nacked offset; later deliveries of that partition
 *     (in flight or buffered) are superseded and come again.</li>
 * <li>Backpressure: {@link #pause()} is exact — it sets a flag and waits until a delivery another thread may
 *     have begun has returned, so once it returns nothing reaches the sink until {@link #resume()}. The poll
 *     thread waits up to {@code poll.timeout} for the resume (the runtime's pauses are short), then pauses every
 *     assigned partition and keeps polling (no {@code max.poll.interval.ms} violation); records fetched meanwhile
 *     are kept and delivered first after the resume.</li>
 * <li>{@code ACK_FIRST}: a record counts as processed once handed to the sink (the runtime acks it before the
 *     handler runs); no per-record bookkeeping ({@link PartitionTrack}).</li>
 * <li>Stop: no delivery after {@link #stop()} returns; the thread commits what was processed, closes the
 *     consumer (leaving the group) and completes the stage. Records delivered but not processed by then are the
 *     group's to redeliver; settling them later is harmless.</li>
 * </ul>
 */
final class KafkaSubscription implements Subscription, Runnable {

    private static final System.Logger LOG = System.getLogger(KafkaSubscription.class.getName());
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConnector connector;
    private final SubscriptionSpec spec;
    private final InboundSink sink;
    private final KafkaConsumerPlan plan;
    private final Consumer<byte[], byte[]> consumer;
    private final Thread thread;

    private volatile boolean paused;
    private volatile boolean stopping;
    /** Test hook ({@link #simulateCrash()}): leave without committing or closing the consumer. */
    private volatile boolean crashed;
    private volatile Thread deliverer;
    private volatile int assignedPartitions;
    /** Set around {@code consumer.poll}: only then does {@link #poke()} need {@code consumer.wakeup()}. */
    private volatile boolean polling;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<KafkaDelivery> nacks = new ConcurrentLinkedQueue<>();

    // poll thread only
    private final Map<TopicPartition, PartitionTrack> tracks = new HashMap<>();
    /** Fetched records held back by a pause (or a stop), in fetch order; delivered first after the resume. */
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
    /** {@code ACK_FIRST}: a record counts as processed once handed to the runtime (see {@link PartitionTrack}). */
    private final boolean processedOnDelivery;
    private final boolean orderByKey;
    private boolean consumerPaused;
    /** When the poll thread first saw the current pause ({@code System.nanoTime()}); see {@link #loop()}. */
    private long pauseSeenAt;
    private boolean pauseSeen;
    private long nextCommitAt;

    KafkaSubscription(KafkaConnector connector, SubscriptionSpec spec, InboundSink sink, KafkaConsumerPlan plan,
            Consumer<byte[], byte[]> consumer) {
        this.connector = connector;
        this.spec = spec;
        this.sink = sink;
        this.plan = plan;
        this.consumer = consumer;
        this.processedOnDelivery = spec.ackPolicy() == AckPolicy.ACK_FIRST;
        this.orderByKey = plan.orderByKey();
        this.thread = connector.loopThread(this, "tributary-kafka-" + connector.name() + "-" + spec.channel());
    }

    void start() {
        thread.start();
    }

    String channel() {
        return spec.channel();
    }

    String deadLetter() {
        return plan.deadLetter();
    }

    int assignedPartitions() {
        return assignedPartitions;
    }

    boolean isRunning() {
        return !stopped.isDone();
    }

    // ---- runtime threads

    @Override
    public void pause() {
        paused = true;
        awaitNoDelivery();
        // no poke: the poll thread notices at its next record or poll (see loop())
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            poke();
        }
    }

    /** {@link #resume()} sets a flag and unparks (or wakes) the poll thread: nothing is delivered on the caller. */
    @Override
    public boolean resumesInline() {
        return true;
    }

    @Override
    public CompletionStage<Void> stop() {
        if (!stopping) {
            stopping = true;
            awaitNoDelivery();
            poke();
            if (!thread.isAlive() && !stopped.isDone()) {
                stopped.complete(null); // never started
            }
            connector.forget(this);
        }
        return stopped;
    }

    /**
     * Tests only: the poll thread stops as if the process had died — no commit, no close, no leave-group. The
     * group notices when the member's {@code max.poll.interval.ms} or session expires and hands its partitions to
     * the other members from the last committed offsets.
     */
    void simulateCrash() {
        crashed = true;
        stopping = true;
        awaitNoDelivery();
        poke();
    }

    /** A delivery was nacked (any thread): the poll thread seeks back. */
    void nacked(KafkaDelivery d) {
        if (stopped.isDone()) {
            return; // the group redelivers it anyway
        }
        nacks.offer(d);
        poke();
    }

    CompletionStage<Void> deadLetter(KafkaDelivery d) {
        return connector.deadLetter(this, d);
    }

    /**
     * Wakes the poll thread (from another thread): out of its wait during a short pause, or out of {@code poll};
     * harmless once the consumer is closed. A wakeup that arrives just after a poll returned makes the next poll
     * return at once: harmless too.
     */
    private void poke() {
        if (Thread.currentThread() != thread && !stopped.isDone()) {
            LockSupport.unpark(thread);
            if (polling) {
                try {
                    consumer.wakeup();
                } catch (RuntimeException e) {
                    // closed meanwhile: nothing to wake
                }
            }
        }
    }

    private void awaitNoDelivery() {
        Thread self = Thread.currentThread();
        int spins = 0;
        Thread t;
        while ((t = deliverer) != null && t != self) {
            // a sink's onMessage never blocks: this is short
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    // ---- poll thread

    @Override
    public void run() {
        try {
            plan.attach(consumer, new Rebalance());
            if (plan.partitions() != null) {
                for (TopicPartition tp : consumer.assignment()) {
                    tracks.put(tp, newTrack(tp));
                }
                assignedPartitions = tracks.size();
            }
            nextCommitAt = System.nanoTime() + connector.config().commitInterval().toNanos();
            loop();
        } catch (RuntimeException | Error e) {
            if (!stopping) {
                sink.onFailure(KafkaErrors.subscriptionFailed(spec.channel(), plan.description(), e));
            }
        } finally {
            finish();
        }
    }

    private PartitionTrack newTrack(TopicPartition tp) {
        return new PartitionTrack(tp, processedOnDelivery);
    }

    /**
     * The poll loop. A pause first only stops deliveries: the runtime's pauses are usually short (it resumes at
     * half its in-flight bound), so for up to {@code poll.timeout} the thread waits for the resume without
     * polling; only a longer pause pauses the consumer's partitions and goes on polling them (no
     * {@code max.poll.interval.ms} violation). Each consumer pause/resume round costs fetch bookkeeping in
     * kafka-clients, too much to pay every few hundred records.
     */
    private void loop() {
        Duration pollTimeout = connector.config().pollTimeout();
        long grace = pollTimeout.toNanos();
        while (!stopping) {
            handleNacks();
            deliverBuffered();
            commitIfDue();
            if (stopping) {
                break;
            }
            boolean wantPaused = paused;
            if (wantPaused && !consumerPaused) {
                long now = System.nanoTime();
                if (!pauseSeen) {
                    pauseSeen = true;
                    pauseSeenAt = now;
                }
                long left = pauseSeenAt + grace - now;
                if (left > 0) {
                    LockSupport.parkNanos(this, Math.min(left, Math.max(0, nextCommitAt - now) + 1));
                    continue; // resume, nack, stop or a due commit: the loop's head sees it
                }
                consumer.pause(consumer.assignment());
                consumerPaused = true;
            } else if (!wantPaused) {
                pauseSeen = false;
                if (consumerPaused) {
                    consumer.resume(consumer.paused());
                    consumerPaused = false;
                }
            }
            ConsumerRecords<byte[], byte[]> records;
            try {
                polling = true;
                if (paused != wantPaused || stopping) {
                    continue; // changed meanwhile (and the poke may have come before polling was set)
                }
                records = consumer.poll(pollTimeout);
            } catch (WakeupException e) {
                continue;
            } catch (InterruptException e) {
                Thread.interrupted();
                if (stopping) {
                    break;
                }
                continue;
            } catch (RetriableException e) {
                LOG.log(Level.DEBUG, () -> "kafka poll of '" + spec.channel() + "' failed, retrying: " + e);
                continue;
            } finally {
                polling = false;
            }
            if (!records.isEmpty()) {
                if (buffer.isEmpty()) {
                    deliver(records);
                } else {
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        buffer.addLast(r);
                    }
                    deliverBuffered();
                }
            }
        }
    }

    /**
     * Hands a poll's records to the sink, partition by partition (one bookkeeping lookup per partition), in
     * batches sized by the sink's room; on a pause or stop the rest is kept in the buffer, in order.
     */
    private void deliver(ConsumerRecords<byte[], byte[]> records) {
        deliverer = thread;
        try {
            boolean hold = false;
            for (TopicPartition tp : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
                int n = list.size();
                int i = 0;
                if (!hold) {
                    PartitionTrack track = trackOf(tp);
                    if (track == null) {
                        continue; // fetched before a revocation
                    }
                    track.prune();
                    while (i < n) {
                        if (paused || stopping) { // volatile reads after the volatile write above: see pause()
                            hold = true;
                            break;
                        }
                        int k = batchSize(n - i);
                        deliver(list, i, i + k, track);
                        i += k;
                    }
                }
                for (; i < n; i++) {
                    buffer.addLast(list.get(i));
                }
            }
        } finally {
            deliverer = null;
        }
    }

    /** How many of {@code available} records to hand over in one batch: what the sink takes before it pauses. */
    private int batchSize(int available) {
        return Math.max(1, Math.min(available, sink.room()));
    }

    /** Hands {@code records[from, to)} of one partition to the sink, one record alone, more as one batch. */
    private void deliver(List<ConsumerRecord<byte[], byte[]>> records, int from, int to, PartitionTrack track) {
        if (to - from == 1) {
            deliver(records.get(from), track);
            return;
        }
        List<KafkaDelivery> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            KafkaDelivery d = new KafkaDelivery(records.get(i), track, this, orderByKey);
            track.delivered(d);
            batch.add(d);
        }
        try {
            sink.onMessages(batch);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, KafkaErrors.sinkThrew(spec.channel(), track.partition.topic()), e);
        }
    }

    private void deliver(ConsumerRecord<byte[], byte[]> r, PartitionTrack track) {
        KafkaDelivery d = new KafkaDelivery(r, track, this, orderByKey);
        track.delivered(d);
        try {
            sink.onMessage(d);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, KafkaErrors.sinkThrew(spec.channel(), r.topic()), e);
        }
    }

    /** The bookkeeping of a partition, made on first sight while it is assigned; {@code null}: not ours (any more). */
    private PartitionTrack trackOf(TopicPartition tp) {
        PartitionTrack track = tracks.get(tp);
        if (track == null && (plan.partitions() != null || consumer.assignment().contains(tp))) {
            track = newTrack(tp);
            tracks.put(tp, track);
        }
        return track;
    }

    /** Hands the held-back records over first, in order, in batches of one partition sized by the sink's room. */
    private void deliverBuffered() {
        if (buffer.isEmpty() || paused) {
            return;
        }
        deliverer = thread;
        PartitionTrack last = null;
        List<ConsumerRecord<byte[], byte[]>> run = new ArrayList<>();
        try {
            while (!buffer.isEmpty()) {
                if (paused || stopping) {
                    return; // volatile reads after the volatile write above: see pause()
                }
                ConsumerRecord<byte[], byte[]> r = buffer.pollFirst();
                PartitionTrack track = last;
                if (track == null || track.partition.partition() != r.partition()
                        || !track.partition.topic().equals(r.topic())) {
                    track = trackOf(new TopicPartition(r.topic(), r.partition()));
                    if (track == null) {
                        continue; // fetched before a revocation
                    }
                    track.prune();
                }
                last = track;
                // the run: this record and the next ones of the same partition, as many as the sink takes
                run.clear();
                run.add(r);
                int k = batchSize(buffer.size() + 1);
                ConsumerRecord<byte[], byte[]> next;
                while (run.size() < k && (next = buffer.peekFirst()) != null && next.partition() == r.partition()
                        && next.topic().equals(r.topic())) {
                    run.add(buffer.pollFirst());
                }
                deliver(run, 0, run.size(), track);
            }
        } finally {
            deliverer = null;
        }
    }

    private void handleNacks() {
        KafkaDelivery d;
        while ((d = nacks.poll()) != null) {
            PartitionTrack t = d.track;
            if (d.superseded || t.revoked || tracks.get(t.partition) != t) {
                continue; // will come again anyway
            }
            long offset = d.offset();
            t.rewindTo(offset);
            TopicPartition tp = t.partition;
            buffer.removeIf(r -> r.partition() == tp.partition() && r.topic().equals(tp.topic()) && r.offset() >= offset);
            try {
                consumer.seek(tp, offset);
            } catch (IllegalStateException e) {
                // no longer assigned: the next owner starts from the committed offset, before this one
            }
        }
    }

    private void commitIfDue() {
        if (!plan.commits()) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextCommitAt < 0) {
            return;
        }
        nextCommitAt = now + connector.config().commitInterval().toNanos();
        Map<TopicPartition, OffsetAndMetadata> offsets = commitPoints(tracks.values());
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (done, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, KafkaErrors.commitFailed(spec.channel()) + ": " + failure);
                    for (TopicPartition tp : offsets.keySet()) {
                        PartitionTrack t = tracks.get(tp);
                        if (t != null) {
                            t.committed = -1; // commit again next time
                        }
                    }
                }
            });
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> commitPoints(Collection<PartitionTrack> which) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionTrack t : which) {
            long p = t.commitPoint();
            if (p >= 0 && p > t.committed) {
                offsets.put(t.partition, new OffsetAndMetadata(p));
                t.committed = p;
            }
        }
        return offsets;
    }

    private void commitSync(Collection<PartitionTrack> which) {
        if (!plan.commits()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = commitPoints(which);
        if (offsets.isEmpty()) {
            return;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                consumer.commitSync(offsets, CLOSE_TIMEOUT);
                return;
            } catch (WakeupException e) {
                // a pause/resume/stop poked the consumer: try once more
            } catch (InterruptException e) {
                Thread.interrupted();
            } catch (KafkaException e) {
                LOG.log(Level.WARNING, KafkaErrors.commitFailed(spec.channel()) + ": " + e);
                return;
            }
        }
    }

    private void finish() {
        if (crashed) {
            assignedPartitions = 0;
            connector.forget(this);
            stopped.complete(null);
            return;
        }
        try {
            handleNacks();
            commitSync(new ArrayList<>(tracks.values()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, KafkaErrors.commitFailed(spec.channel()) + ": " + e);
        }
        try {
            consumer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "closing the consumer of '" + spec.channel() + "': " + e);
        }
        assignedPartitions = 0;
        connector.forget(this);
        stopped.complete(null);
    }

    /** Keeps the bookkeeping in step with the group's assignment; runs on the poll thread, inside poll. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            handleNacks();
            List<PartitionTrack> gone = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                PartitionTrack t = tracks.get(tp);
                if (t != null) {
                    gone.add(t);
                }
            }
            commitSync(gone);
            drop(partitions, gone);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            List<PartitionTrack> gone = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                PartitionTrack t = tracks.get(tp);
                if (t != null) {
                    gone.add(t);
                }
            }
            drop(partitions, gone);
        }

        private void drop(Collection<TopicPartition> partitions, List<PartitionTrack> gone) {
            int inFlight = 0;
            for (PartitionTrack t : gone) {
                inFlight += t.unsettled();
                t.revoke();
                tracks.remove(t.partition);
            }
            if (inFlight > 0) {
                LOG.log(Level.INFO, KafkaErrors.revokedWithInFlight(spec.channel(), inFlight));
            }
            buffer.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            assignedPartitions = tracks.size();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                tracks.computeIfAbsent(tp, KafkaSubscription.this::newTrack);
            }
            assignedPartitions = tracks.size();
            if (consumerPaused && !partitions.isEmpty()) {
                consumer.pause(partitions);
            }
        }
    }

    @Override
    public String toString() {
        return "KafkaSubscription[" + spec.channel() + " on " + plan.description() + "]";
    }
}
