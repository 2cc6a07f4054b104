package dev.tributary.cdi;

import java.lang.reflect.Type;

/** An {@code @Inject @Channel("name") Publisher<T>} injection point found during discovery. */
record ChannelPoint(String name, String connector, Type elementType, String where) {
}
