package dev.tributary.spi;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

/**
 * A destination publishers send to.
 *
 * @param channel the channel name
 * @param template the parsed address (may have {@code {param}} levels filled per publish)
 * @param options connector options from {@code tributary.channels.<name>.*}
 * @param annotations annotations at the publishing point (method or injection point)
 */
public record DestinationSpec(String channel, AddressTemplate template, Map<String, String> options,
        List<Annotation> annotations) {
}
