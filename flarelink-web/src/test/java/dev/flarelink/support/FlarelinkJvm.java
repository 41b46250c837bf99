package dev.flarelink.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts Flarelink in a JVM of its own from this JVM's classpath, as the run command starts it: for tests that kill
 * a node like a crashed server and for the load tests that measure the app alone. Output goes to {@code log}.
 */
public final class FlarelinkJvm {

    private FlarelinkJvm() {}

    public static Process start(
            List<String> jvmOptions, Map<String, String> environment, List<String> appArguments, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath());
        command.add("dev.flarelink.FlarelinkApplication");
        command.addAll(appArguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The forked test JVM's classpath (Surefire publishes it; the manifest-only booter jar is not enough). */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
