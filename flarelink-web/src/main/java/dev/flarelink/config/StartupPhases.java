package dev.flarelink.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Times the slow phases of start-up (embedded PostgreSQL, Flyway, the sandbox) and logs them with the total once the
 * app is ready, so a slow start says where its time went. One INFO line; the on-demand start-up harness reads it.
 */
@Configuration(proxyBeanMethods = false)
public class StartupPhases implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupPhases.class);

    private final Map<String, Duration> phases = new ConcurrentHashMap<>();

    /** Runs {@code work} and remembers how long it took under {@code phase}. */
    public <T> T time(String phase, Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            phases.merge(phase, Duration.ofNanos(System.nanoTime() - started), Duration::plus);
        }
    }

    @Bean
    static FlywayMigrationStrategy timedMigrations(StartupPhases phases) {
        return flyway -> phases.time("Flyway", flyway::migrate);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        String timed = phases.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(phase -> phase.getKey() + " " + millis(phase.getValue()))
                .collect(Collectors.joining(", "));
        log.info(
                "Start-up phases: {}{}context {} ms; ready {} ms after the JVM started",
                timed,
                timed.isEmpty() ? "" : ", ",
                ready.getTimeTaken() == null ? "?" : ready.getTimeTaken().toMillis(),
                ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }
}
