package dev.tributary.cdi;

import dev.tributary.MessageFilter;

/**
 * A compiled {@link dev.tributary.Filter}: every condition given must hold. Immutable; called on the lane's
 * worker thread, after the delivery's decoder was set to the candidate handler's.
 */
final class FilterMatcher {
    final int order;
    private final String[] headerNames;
    private final String[] headerValues;
    private final String contentType;
    private final boolean bodyType;
    private final MessageFilter custom;

    FilterMatcher(int order, String[] headers, String contentType, boolean bodyType, MessageFilter custom) {
        this.order = order;
        this.headerNames = new String[headers.length];
        this.headerValues = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            int eq = headers[i].indexOf('=');
            headerNames[i] = eq < 0 ? headers[i].trim() : headers[i].substring(0, eq).trim();
            headerValues[i] = eq < 0 ? null : headers[i].substring(eq + 1);
        }
        this.contentType = contentType == null || contentType.isEmpty() ? null : contentType;
        this.bodyType = bodyType;
        this.custom = custom;
    }

    boolean test(Delivery d) {
        for (int i = 0; i < headerNames.length; i++) {
            String v = d.headers().get(headerNames[i]);
            if (v == null || headerValues[i] != null && !headerValues[i].equals(v)) {
                return false;
            }
        }
        if (contentType != null) {
            String ct = d.contentType();
            if (ct == null || !ct.startsWith(contentType)) {
                return false;
            }
        }
        if (bodyType) {
            try {
                d.body();
            } catch (RuntimeException e) {
                return false;
            }
        }
        if (custom != null) {
            try {
                return custom.test(d);
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }
}
