package dev.tributary.tck.brokers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The system user a broker process runs as. PostgreSQL refuses to run as root and RabbitMQ's Debian
 * package expects its own user, so when the test JVM is root those brokers run through
 * {@code runuser -u <user> -- env K=V … command} with their directories owned by that user; when the
 * JVM is not root they simply run as the current user.
 */
final class SystemUser {

    private final String name;
    private final String debianPackage;

    /**
     * @param name the user to switch to when running as root
     * @param debianPackage the Debian package that creates that user, for the error message
     */
    SystemUser(String name, String debianPackage) {
        this.name = name;
        this.debianPackage = debianPackage;
    }

    static boolean currentIsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Whether a switch is needed (the JVM runs as root). */
    boolean switches() {
        return currentIsRoot();
    }

    /** The command that runs {@code command} with {@code environment} as this user (or as is). */
    List<String> wrap(List<String> command, Map<String, String> environment) {
        if (!switches()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", name, "--", "env"));
        environment.forEach((key, value) -> wrapped.add(key + "=" + value));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives {@code root} and everything below it to this user, when the JVM is root. */
    void own(Path root) {
        if (!switches()) {
            return;
        }
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = lookup.lookupPrincipalByName(name);
            group = lookup.lookupPrincipalByGroupName(name);
        } catch (UserPrincipalNotFoundException e) {
            throw new BrokerException("TRB-TCK110", "system user '" + name + "' does not exist; it comes with the"
                    + " Debian package " + debianPackage + ": apt-get install -y --no-install-recommends "
                    + debianPackage);
        } catch (IOException e) {
            throw new BrokerException("TRB-TCK105", "cannot look up system user " + name, e);
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setOwner(user);
                view.setGroup(group);
            }
        } catch (IOException e) {
            throw new BrokerException("TRB-TCK105", "cannot give " + root + " to user " + name, e);
        }
    }
}
