package dev.tributary.tck.brokers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

/**
 * A Kafka broker in KRaft combined mode (broker and controller in one node) running <b>inside this
 * JVM</b>, from the {@code org.apache.kafka:kafka_2.13} artifact (4.3.1; the user of this class adds
 * it and {@code kafka-clients} as test dependencies, plus an slf4j 1.7 binding kept at WARN).
 * Client listener and controller listener on two free loopback ports; log directory in the data
 * directory (topics and committed offsets survive a {@link #restart()}); internal topics with
 * replication factor 1; no initial rebalance delay.
 *
 * <p>While a Kafka broker lives in this JVM, Kafka's {@code Exit.exit/halt} throw a
 * {@link BrokerException} ({@code TRB-TCK109}) instead of ending the test JVM. Ready when an admin
 * client's {@code describeCluster()} names a node. Use {@link #createTopic(String, int)} before
 * producing to a new topic. See {@link Broker} for lifecycle, threading and errors.
 *
 * <p>Opt-in: {@link #withSaslSsl()} adds a {@code SASL_SSL} listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) with
 * certificates made in-process; the default broker has only PLAINTEXT.
 */
public final class KafkaBroker extends AbstractBroker {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(2);
    private static int exitGuards;

    private int controllerPort;
    private boolean saslSsl;
    private String saslUser;
    private String saslPassword;
    private int saslSslPort = -1;
    private TlsMaterial tls;
    private Path configFile;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private KafkaRaftServer server;
    private Admin probeAdmin;
    private Throwable startupFailure;
    private boolean guardingExit;

    public KafkaBroker() {
        super("kafka");
    }

    /** The bootstrap servers, {@code 127.0.0.1:<port>}. */
    @Override
    public String connectionString() {
        return bootstrapServers();
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port();
    }

    /**
     * Adds a {@code SASL_SSL} client listener with the user {@code tributary} / {@code tributary-secret}; see
     * {@link #withSaslSsl(String, String)}.
     */
    public KafkaBroker withSaslSsl() {
        return withSaslSsl("tributary", "tributary-secret");
    }

    /**
     * Adds a {@code SASL_SSL} client listener on its own free port beside the PLAINTEXT one (which stays for
     * the controller, inter-broker traffic, {@link #createTopic} and plain clients). The listener accepts
     * {@code PLAIN}, {@code SCRAM-SHA-256} and {@code SCRAM-SHA-512}, each with the one given user; its TLS
     * certificate (made in-process, signed by a throw-away CA, naming {@code 127.0.0.1} as IP SAN) is trusted
     * by {@link #trustStorePath()}. Needs {@code org.bouncycastle:bcpkix-jdk18on} on the class path. Start takes
     * about twice as long as without. Call before the first {@link #start()}.
     *
     * @return this broker
     * @throws BrokerException TRB-TCK106 when the broker was already started
     */
    public synchronized KafkaBroker withSaslSsl(String user, String password) {
        if (prepared()) {
            throw new BrokerException("TRB-TCK106", "withSaslSsl() must be called before the Kafka broker's first start");
        }
        if (user.isBlank() || !user.matches("[A-Za-z0-9._-]+") || password.isEmpty()
                || password.matches(".*[\\s\",\\[\\]=].*")) {
            throw new IllegalArgumentException("SASL user must be [A-Za-z0-9._-]+ and the password non-empty without"
                    + " blanks, quotes, commas, brackets or '='");
        }
        this.saslSsl = true;
        this.saslUser = user;
        this.saslPassword = password;
        return this;
    }

    /** Whether this broker has a {@code SASL_SSL} listener ({@link #withSaslSsl()}). */
    public boolean hasSaslSsl() {
        return saslSsl;
    }

    /**
     * {@code 127.0.0.1:<port>} of the {@code SASL_SSL} listener.
     *
     * @throws BrokerException TRB-TCK106 without {@link #withSaslSsl()} or before the first start
     */
    public String saslSslBootstrapServers() {
        requireTls();
        return HOST + ":" + saslSslPort;
    }

    /** The PKCS12 trust store holding the CA that signed the listener's certificate (for {@code ssl.truststore.location}). */
    public Path trustStorePath() {
        return requireTls().trustStore();
    }

    /** The trust store's password. */
    public String trustStorePassword() {
        return requireTls().password();
    }

    /** {@code PKCS12}, for {@code ssl.truststore.type}. */
    public String trustStoreType() {
        return TlsMaterial.STORE_TYPE;
    }

    /** The SASL user known to all three mechanisms. */
    public String saslUsername() {
        requireSaslSsl();
        return saslUser;
    }

    /** The SASL user's password. */
    public String saslPassword() {
        requireSaslSsl();
        return saslPassword;
    }

    /**
     * kafka-clients properties for the {@code SASL_SSL} listener: bootstrap servers, {@code security.protocol},
     * {@code sasl.mechanism}, {@code sasl.jaas.config} for the given credentials and the trust store.
     *
     * @param mechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     */
    public Map<String, Object> saslSslClientProperties(String mechanism, String user, String password) {
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", saslSslBootstrapServers());
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", mechanism);
        p.put("sasl.jaas.config", module + " required username=\"" + user + "\" password=\"" + password + "\";");
        p.put("ssl.truststore.location", trustStorePath().toString());
        p.put("ssl.truststore.password", trustStorePassword());
        p.put("ssl.truststore.type", TlsMaterial.STORE_TYPE);
        return p;
    }

    /** {@link #saslSslClientProperties(String, String, String)} with this broker's user. */
    public Map<String, Object> saslSslClientProperties(String mechanism) {
        return saslSslClientProperties(mechanism, saslUsername(), saslPassword());
    }

    private void requireSaslSsl() {
        if (!saslSsl) {
            throw new BrokerException("TRB-TCK106", "this Kafka broker has no SASL_SSL listener: call withSaslSsl()"
                    + " before starting it");
        }
    }

    private TlsMaterial requireTls() {
        requireSaslSsl();
        TlsMaterial current = tls;
        if (current == null) {
            throw new BrokerException("TRB-TCK106", "the Kafka broker was never started: no SASL_SSL listener yet");
        }
        return current;
    }

    /**
     * Creates a topic (replication factor 1) unless it exists, then waits until every partition
     * answers {@code listOffsets} — producing earlier can wedge an idempotent producer in
     * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} retries. Blocks up to 30 s.
     *
     * @throws BrokerException TRB-TCK108 when the topic cannot be created or does not become ready
     */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(adminConfig())) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new BrokerException("TRB-TCK108", "cannot create Kafka topic " + topic, e.getCause());
                }
            }
            Map<TopicPartition, OffsetSpec> request = IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Exception last = null;
            while (System.nanoTime() - deadline < 0) {
                try {
                    admin.listOffsets(request).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                    pause(Duration.ofMillis(20));
                }
            }
            throw new BrokerException("TRB-TCK108", "Kafka topic " + topic + " created but its " + partitions
                    + " partitions did not answer listOffsets within 30 s", last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("TRB-TCK108", "interrupted while creating Kafka topic " + topic);
        } catch (TimeoutException e) {
            throw new BrokerException("TRB-TCK108", "creating Kafka topic " + topic + " timed out", e);
        }
    }

    @Override
    void checkInstalled() {
        try {
            Class.forName("kafka.server.KafkaRaftServer", false, KafkaBroker.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BrokerException("TRB-TCK101", "Kafka classes are not on the class path: add the test"
                    + " dependencies org.apache.kafka:kafka_2.13:4.3.1 and org.apache.kafka:kafka-clients:4.3.1");
        }
        if (saslSsl && !TlsMaterial.available()) {
            throw new BrokerException("TRB-TCK101", "withSaslSsl() makes certificates with BouncyCastle: add the test"
                    + " dependency org.bouncycastle:bcpkix-jdk18on");
        }
    }

    @Override
    void prepare(Path workDir) {
        controllerPort = FreePorts.next();
        if (saslSsl) {
            saslSslPort = FreePorts.next();
            tls = TlsMaterial.write(workDir, HOST);
        }
        configFile = workDir.resolve("server.properties");
        Properties props = serverProperties();
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "generated by " + getClass().getName());
        } catch (IOException e) {
            throw new BrokerException("TRB-TCK105", "cannot write " + configFile, e);
        }
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        int status;
        try {
            List<String> args = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(),
                    "-c", configFile.toString()));
            if (saslSsl) {
                for (String mechanism : List.of("SCRAM-SHA-256", "SCRAM-SHA-512")) {
                    args.add("--add-scram");
                    args.add(mechanism + "=[name=" + saslUser + ",password=" + saslPassword + "]");
                }
            }
            status = StorageTool.execute(args.toArray(String[]::new), out);
        } catch (Exception e) {
            throw new BrokerException("TRB-TCK107", "formatting the Kafka storage failed. Output:\n" + logTail(), e);
        }
        if (status != 0) {
            throw new BrokerException("TRB-TCK107", "formatting the Kafka storage failed with status " + status
                    + ". Output:\n" + logTail());
        }
    }

    @Override
    void launch() {
        if (!guardingExit) {
            guardExit();
            guardingExit = true;
        }
        startupFailure = null;
        Map<Object, Object> props = new HashMap<>(serverProperties());
        try {
            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            startupFailure = e;
            throw new BrokerException("TRB-TCK107", "the in-JVM Kafka broker failed to start on port " + port(), e);
        }
        probeAdmin = Admin.create(adminConfig());
    }

    @Override
    boolean probe() {
        try {
            boolean ready = !probeAdmin.describeCluster().nodes()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
            if (ready) {
                closeProbeAdmin(); // one admin client less running beside the tests
            }
            return ready;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    String pauseAndCheckAlive(Duration pause) {
        pause(pause);
        return startupFailure == null ? null : startupFailure.toString();
    }

    @Override
    void shutdown() {
        closeProbeAdmin();
        KafkaRaftServer current = server;
        server = null;
        try {
            if (current != null) {
                current.shutdown();
                current.awaitShutdown();
            }
        } catch (RuntimeException e) {
            throw new BrokerException("TRB-TCK107", "the in-JVM Kafka broker failed to stop cleanly", e);
        } finally {
            if (guardingExit) {
                guardingExit = false;
                releaseExit();
            }
        }
    }

    @Override
    void abortStart() {
        try {
            shutdown();
        } catch (BrokerException e) {
            System.getLogger(Broker.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    @Override
    String logTail() {
        String text = log.toString(StandardCharsets.UTF_8);
        return (text.isBlank() ? "" : text + System.lineSeparator())
                + "(the broker runs in this JVM and logs through slf4j: see the test output)";
    }

    private Properties serverProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        String saslListener = saslSsl ? ",SASL_SSL://" + HOST + ":" + saslSslPort : "";
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port() + ",CONTROLLER://" + HOST + ":" + controllerPort
                + saslListener);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port() + saslListener);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                + (saslSsl ? ",SASL_SSL:SASL_SSL" : ""));
        if (saslSsl) {
            // broker JAAS only through listener- and mechanism-prefixed keys, both in lower case (TESTING.md)
            props.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
            props.put("listener.name.sasl_ssl.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + saslUser + "=\""
                            + saslPassword + "\";");
            props.put("listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            props.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            props.put("ssl.keystore.location", tls.keyStore().toString());
            props.put("ssl.keystore.password", tls.password());
            props.put("ssl.key.password", tls.password());
            props.put("ssl.keystore.type", TlsMaterial.STORE_TYPE);
        }
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir().toString());
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        return props;
    }

    private Map<String, Object> adminConfig() {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    }

    private void closeProbeAdmin() {
        if (probeAdmin != null) {
            probeAdmin.close(Duration.ofSeconds(1));
            probeAdmin = null;
        }
    }

    private static void pause(Duration pause) {
        try {
            TimeUnit.NANOSECONDS.sleep(pause.toNanos()); // poll interval, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** While a Kafka broker runs here, a fatal Kafka error must not end the test JVM. */
    private static synchronized void guardExit() {
        if (exitGuards++ == 0) {
            Exit.setExitProcedure((status, message) -> {
                throw new BrokerException("TRB-TCK109", "the in-JVM Kafka broker called Exit.exit(" + status
                        + "): " + message);
            });
            Exit.setHaltProcedure((status, message) -> {
                throw new BrokerException("TRB-TCK109", "the in-JVM Kafka broker called Exit.halt(" + status
                        + "): " + message);
            });
        }
    }

    private static synchronized void releaseExit() {
        if (exitGuards > 0 && --exitGuards == 0) {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }
}
