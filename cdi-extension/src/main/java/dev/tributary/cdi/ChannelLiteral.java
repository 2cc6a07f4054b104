package dev.tributary.cdi;

import dev.tributary.Channel;
import jakarta.enterprise.util.AnnotationLiteral;

/** An instance of {@link Channel} for the synthetic publisher beans. */
@SuppressWarnings("all")
final class ChannelLiteral extends AnnotationLiteral<Channel> implements Channel {
    private static final long serialVersionUID = 1L;
    private final String value;

    ChannelLiteral(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @Override
    public String connector() {
        return "";
    }
}
