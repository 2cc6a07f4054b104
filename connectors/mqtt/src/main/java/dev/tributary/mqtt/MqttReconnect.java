package dev.tributary.mqtt;

import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * The reconnect policy, as HiveMQ connected/disconnected listeners: after a lost connection it schedules the next
 * attempt with a growing delay ({@link MqttConfig.Reconnect}), asks the client to restore subscriptions when the
 * broker lost the session, and gives up on refused credentials ({@code TRB-MQT004}) or after
 * {@code reconnect.max-attempts} ({@code TRB-MQT010}). The first connect is not retried here: {@code start()}
 * reports its failure. Called on client threads; state is confined to those calls (volatile for health).
 */
final class MqttReconnect implements MqttClientConnectedListener, MqttClientDisconnectedListener {

    private static final System.Logger LOG = System.getLogger(MqttReconnect.class.getName());

    private final MqttConnector connector;
    private final MqttConfig.Reconnect policy;
    private volatile boolean everConnected;
    private volatile int attempts;
    private volatile Throwable lastCause;

    MqttReconnect(MqttConnector connector, MqttConfig.Reconnect policy) {
        this.connector = connector;
        this.policy = policy;
    }

    @Override
    public void onConnected(MqttClientConnectedContext context) {
        if (everConnected && attempts > 0) {
            LOG.log(Level.INFO, "TRB-MQT023 MQTT connector '" + connector.name() + "' reconnected after " + attempts
                    + " attempt(s)");
        }
        everConnected = true;
        attempts = 0;
        lastCause = null;
    }

    @Override
    public void onDisconnected(MqttClientDisconnectedContext context) {
        Throwable cause = context.getCause();
        lastCause = cause;
        if (context.getSource() == MqttDisconnectSource.USER || connector.isClosing() || !everConnected) {
            return;
        }
        String refused = refusal(cause);
        if (refused != null) {
            connector.failed(MqttErrors.notAuthorized(connector.name(), connector.where(), refused, cause));
            return;
        }
        if (!policy.enabled()) {
            connector.failed(MqttErrors.connectFailed(connector.name(), connector.where()
                    + " (connection lost; reconnect.enabled=false)", cause));
            return;
        }
        int n = ++attempts;
        if (policy.maxAttempts() >= 0 && n > policy.maxAttempts()) {
            connector.failed(MqttErrors.reconnectGivenUp(connector.name(), n - 1, cause));
            return;
        }
        long delay = policy.delay(n).toMillis();
        if (n == 1) {
            LOG.log(Level.WARNING, "TRB-MQT018 MQTT connector '" + connector.name() + "' lost its connection to "
                    + connector.where() + " (" + MqttErrors.describe(cause) + "); reconnecting");
        }
        context.getReconnector().reconnect(true).resubscribeIfSessionExpired(true).resubscribeIfSessionPresent(true)
                .delay(delay, TimeUnit.MILLISECONDS);
    }

    /** The reason when the broker refused the credentials, else {@code null}. */
    static String refusal(Throwable cause) {
        if (cause instanceof Mqtt5ConnAckException e) {
            Mqtt5ConnAckReasonCode code = e.getMqttMessage().getReasonCode();
            if (code == Mqtt5ConnAckReasonCode.NOT_AUTHORIZED || code == Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD
                    || code == Mqtt5ConnAckReasonCode.BAD_AUTHENTICATION_METHOD || code == Mqtt5ConnAckReasonCode.BANNED) {
                return "CONNACK " + code + " (0x" + Integer.toHexString(code.getCode()) + ")";
            }
        }
        if (cause instanceof Mqtt3ConnAckException e) {
            Mqtt3ConnAckReturnCode code = e.getMqttMessage().getReturnCode();
            if (code == Mqtt3ConnAckReturnCode.NOT_AUTHORIZED || code == Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD) {
                return "CONNACK return code " + code.getCode() + " " + code;
            }
        }
        return null;
    }

    boolean everConnected() {
        return everConnected;
    }

    int attempts() {
        return attempts;
    }

    Throwable lastCause() {
        return lastCause;
    }
}
