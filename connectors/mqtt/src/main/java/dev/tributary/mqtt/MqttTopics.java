package dev.tributary.mqtt;

/**
 * MQTT topic names and filters: wildcard detection, shared-subscription prefixes and matching, as MQTT 5
 * section 4.7 defines them. Stateless.
 */
final class MqttTopics {

    private static final String SHARE = "$share/";

    private MqttTopics() {
    }

    /** Whether a topic is not a valid topic name to publish to (empty, or containing + or #). */
    static boolean hasWildcard(String topic) {
        return topic == null || topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
    }

    /** The filter with a {@code $share/<group>/} prefix removed. */
    static String unshared(String filter) {
        if (filter.startsWith(SHARE)) {
            int slash = filter.indexOf('/', SHARE.length());
            return slash < 0 ? filter : filter.substring(slash + 1);
        }
        return filter;
    }

    /** {@code $share/<group>/<filter>}. */
    static String shared(String group, String filter) {
        return SHARE + group + "/" + filter;
    }

    /** Whether a concrete topic matches a filter ({@code +}, {@code #}, shared prefixes; {@code $} topics need a literal first level). */
    static boolean matches(String filter, String topic) {
        String f = unshared(filter);
        if (topic.startsWith("$") && (f.startsWith("+") || f.startsWith("#"))) {
            return false;
        }
        String[] fl = f.split("/", -1);
        String[] tl = topic.split("/", -1);
        for (int i = 0; i < fl.length; i++) {
            if (fl[i].equals("#")) {
                return true;
            }
            if (i >= tl.length) {
                return false;
            }
            if (!fl[i].equals("+") && !fl[i].equals(tl[i])) {
                return false;
            }
        }
        return fl.length == tl.length;
    }
}
