package dev.tributary.tck.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Brokers.class)
class KafkaBrokerSmokeTest {

    private static final TopicPartition SMOKE = new TopicPartition("smoke", 0);

    @Test
    void produceConsumeSurvivesRestartAndStopClosesThePort(KafkaBroker kafka) throws Exception {
        SmokeReport.printStart(kafka, "first start");
        kafka.createTopic("smoke", 1);
        assertEquals(0, produce(kafka, "one").offset());
        assertEquals(List.of("one"), consumeAll(kafka, 1));

        SmokeReport.restartOnSamePort(kafka);
        assertEquals(1, produce(kafka, "two").offset(), "the log keeps its records across restarts");
        assertEquals(List.of("one", "two"), consumeAll(kafka, 2));

        SmokeReport.stopClosesPort(kafka);
    }

    private static RecordMetadata produce(KafkaBroker kafka, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(SMOKE.topic(), "key", value)).get();
        }
    }

    private static List<String> consumeAll(KafkaBroker kafka, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(SMOKE));
            consumer.seekToBeginning(List.of(SMOKE));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (values.size() < expected && System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
