package dev.tributary.tck.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

@ExtendWith(Brokers.class)
class RedisBrokerSmokeTest {

    @Test
    void setGetSurvivesRestartAndStopClosesThePort(RedisBroker redis) {
        SmokeReport.printStart(redis, "first start");
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            jedis.set("smoke", "before restart");
            assertEquals("before restart", jedis.get("smoke"));
        }

        SmokeReport.restartOnSamePort(redis);
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            assertEquals("before restart", jedis.get("smoke"), "the append-only file keeps data across restarts");
            jedis.set("smoke", "after restart");
            assertEquals("after restart", jedis.get("smoke"));
        }

        SmokeReport.stopClosesPort(redis);
    }
}
