package dev.tributary.tck.brokers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds a broker executable on the PATH or in the directories Debian installs it to. */
final class BrokerBinary {

    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/sbin",
            "/usr/bin", "/usr/local/bin");

    private BrokerBinary() {
    }

    /**
     * @param executable file name, for example {@code redis-server}
     * @param debianPackage the package that provides it, named in the error
     * @param preferredDirs directories searched first (for example {@code /usr/lib/rabbitmq/bin})
     * @throws BrokerException TRB-TCK101 when it is nowhere
     */
    static Path locate(String executable, String debianPackage, String... preferredDirs) {
        List<String> dirs = new ArrayList<>(List.of(preferredDirs));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SYSTEM_DIRS);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new BrokerException("TRB-TCK101", "'" + executable + "' not found on the PATH nor in " + SYSTEM_DIRS
                + ". Install the Debian package " + debianPackage + " (as root: apt-get install -y"
                + " --no-install-recommends " + debianPackage + ", or run install-brokers.sh)");
    }
}
