package dev.flarelink.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The per-layer breakdown of a JFR recording of the app under load: each execution sample of a request thread is
 * given to the layer of the first frame, from the top of its stack, that belongs to a layer (JDK frames such as
 * {@code HashMap.get} or reflection count for the library that called them). Also prints, per layer, the share of
 * samples with that layer anywhere on the stack (inclusive), which is how much removing the layer could save.
 */
final class JfrLayers {

    /** Layers in the order they are tried for a frame: the first whose prefix matches wins. */
    private static final Map<String, List<String>> LAYERS = layers();

    private JfrLayers() {}

    private static Map<String, List<String>> layers() {
        Map<String, List<String>> layers = new LinkedHashMap<>();
        layers.put(
                "templates (Thymeleaf, attoparser, SpEL)",
                List.of("org.thymeleaf.", "org.attoparser.", "org.unbescape.", "org.springframework.expression."));
        layers.put(
                "JDBC (driver, pool, JdbcClient)",
                List.of("org.postgresql.", "com.zaxxer.hikari.", "org.springframework.jdbc."));
        layers.put("session (Spring Session JDBC)", List.of("org.springframework.session."));
        layers.put("security (Spring Security)", List.of("org.springframework.security."));
        layers.put(
                "Cloudflare client and JSON",
                List.of(
                        "dev.flarelink.cloudflare.",
                        "tools.jackson.",
                        "com.fasterxml.jackson.",
                        "jdk.internal.net.http.",
                        "java.net.http."));
        layers.put("token decryption (crypto)", List.of("dev.flarelink.crypto.", "javax.crypto.", "com.sun.crypto."));
        layers.put("Flarelink's own code", List.of("dev.flarelink."));
        layers.put("logging", List.of("ch.qos.logback.", "org.slf4j."));
        layers.put("metrics and observation", List.of("io.micrometer."));
        layers.put("Spring MVC and core", List.of("org.springframework."));
        layers.put("Tomcat (HTTP, servlet)", List.of("org.apache.", "jakarta.servlet."));
        return layers;
    }

    static void print(Path recording) {
        Map<String, Long> self = new LinkedHashMap<>();
        Map<String, Long> inclusive = new LinkedHashMap<>();
        LAYERS.keySet().forEach(layer -> {
            self.put(layer, 0L);
            inclusive.put(layer, 0L);
        });
        self.put("JDK only", 0L);
        long total = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                String thread = event.getThread("sampledThread") == null
                        ? ""
                        : event.getThread("sampledThread").getJavaName();
                if (stack == null || thread == null || !thread.startsWith("http-nio-")) {
                    continue;
                }
                total++;
                String first = null;
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    String layer = layerOf(frame.getMethod().getType().getName());
                    if (layer != null) {
                        if (first == null) {
                            first = layer;
                        }
                        seen.add(layer);
                    }
                }
                self.merge(first == null ? "JDK only" : first, 1L, Long::sum);
                seen.forEach(layer -> inclusive.merge(layer, 1L, Long::sum));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("%nJFR execution samples of request threads: %,d (%s)%n%n", total, recording);
        System.out.println("| layer | self | inclusive |");
        System.out.println("|---|---:|---:|");
        long all = total;
        self.forEach((layer, count) -> System.out.printf(
                Locale.ROOT,
                "| %s | %.1f %% | %s |%n",
                layer,
                percent(count, all),
                inclusive.containsKey(layer)
                        ? String.format(Locale.ROOT, "%.1f %%", percent(inclusive.get(layer), all))
                        : "–"));
    }

    private static String layerOf(String type) {
        for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
            for (String prefix : layer.getValue()) {
                if (type.startsWith(prefix)) {
                    return layer.getKey();
                }
            }
        }
        return null;
    }

    private static double percent(long count, long total) {
        return total == 0 ? 0 : count * 100.0 / total;
    }

    /** Prints the breakdown of a recording made earlier: {@code java ... JfrLayers recording.jfr}. */
    public static void main(String[] args) {
        print(Path.of(args[0]));
    }
}
