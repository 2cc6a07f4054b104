package dev.tributary.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The TCK can fail: run on each deliberately faulty connector (through the JUnit Platform launcher), it
 * fails exactly the tests aimed at that fault, and every other test of the suite passes (the healthy memory
 * connector passes all of them: {@link MemoryConnectorTckTest}).
 */
class FaultyConnectorsTest {

    /** What one inner run produced: failed tests as {@code Area.method}, and the counts. */
    record Outcome(Set<String> failed, int passed, int skipped, long discovered) {
    }

    static Outcome run(Class<?> tck) {
        Set<String> failed = new TreeSet<>();
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        failed.add("container " + id.getDisplayName() + ": " + result.getThrowable().orElse(null));
                    }
                    return;
                }
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    counts.merge("passed", 1, Integer::sum);
                } else if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                    counts.merge("skipped", 1, Integer::sum);
                } else {
                    failed.add(name(id));
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                counts.merge("skipped", 1, Integer::sum);
            }
        };
        Launcher launcher = LauncherFactory.create();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tck)).build();
        TestPlan plan = launcher.discover(request);
        long discovered = plan.countTestIdentifiers(TestIdentifier::isTest);
        launcher.execute(request, listener);
        return new Outcome(failed, counts.getOrDefault("passed", 0), counts.getOrDefault("skipped", 0), discovered);
    }

    private static String name(TestIdentifier id) {
        if (id.getSource().orElse(null) instanceof MethodSource m) {
            String area = m.getClassName().substring(m.getClassName().lastIndexOf('$') + 1);
            return area + "." + m.getMethodName();
        }
        return id.getDisplayName();
    }

    private static void assertFailsExactly(Class<?> tck, String... aimed) {
        Outcome outcome = run(tck);

        assertThat(outcome.failed()).as("failed tests of %s", tck.getSimpleName()).containsExactlyInAnyOrder(aimed);
        assertThat(outcome.skipped()).as("the faulty connectors claim what memory claims").isZero();
        assertThat(outcome.passed()).as("every other test of the suite passes")
                .isEqualTo(outcome.discovered() - aimed.length).isGreaterThan(40);
    }

    @Test
    void droppingHeadersFailsTheHeaderTests() {
        assertFailsExactly(FaultyTcks.DropsHeaders.class,
                "Headers.userHeadersRoundTrip", "Headers.nonAsciiHeaderValuesRoundTrip", "Headers.manyHeadersRoundTrip");
    }

    @Test
    void ackingBeforeTheHandlerFailsTheRunningHandlerRedeliveryTest() {
        assertFailsExactly(FaultyTcks.AcksBeforeHandler.class,
                "Acknowledgement.ackPolicyKeepsAMessageWhoseHandlerIsStillRunning");
    }

    @Test
    void losingTheMessageOnNackFailsTheNackTests() {
        assertFailsExactly(FaultyTcks.LosesOnNack.class,
                "Acknowledgement.nackOnErrorRedeliversAFailedMessage",
                "Acknowledgement.aThrownNackMessageRedeliversUnderAnyPolicy",
                "Acknowledgement.manualNackRedelivers");
    }

    @Test
    void ignoringMaxWorkersFailsTheParallelismTest() {
        assertFailsExactly(FaultyTcks.IgnoresMaxWorkers.class, "Concurrency.maxWorkersRunHandlersInParallel");
    }

    @Test
    void neverAnsweringRequestsFailsTheRequestReplyTests() {
        assertFailsExactly(FaultyTcks.NeverAnswersRequests.class,
                "RequestReply.aRequestGetsItsReply",
                "RequestReply.hundredConcurrentRequestsEachGetTheirOwnReply",
                "RequestReply.aRequestNobodyAnswersTimesOutAndLeavesNothingBehind");
    }

    @Test
    void swallowingPublishErrorsFailsThePublishFailureTests() {
        assertFailsExactly(FaultyTcks.SwallowsPublishErrors.class,
                "Lifecycle.aPublishToAStoppedBrokerFailsWithinThePublishTimeout",
                "Addresses.theConnectorRefusesAPublishToAWildcard");
    }

    @Test
    void testsOfUnclaimedCapabilitiesAreSkippedNotPassed() {
        Outcome outcome = run(FaultyTcks.ClaimsNothing.class);

        assertThat(outcome.failed()).isEmpty();
        // HEADERS 3, REQUEST_REPLY 3, NACK_REDELIVERY 3, REDELIVERY_AFTER_RESTART 3, ORDERING_KEY 1, WILDCARDS 4,
        // PATH_TEMPLATES 3, PAUSE 3
        assertThat(outcome.skipped()).isEqualTo(23);
        assertThat(outcome.passed()).isEqualTo(outcome.discovered() - 23);
    }
}
