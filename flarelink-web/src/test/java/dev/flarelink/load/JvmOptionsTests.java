package dev.flarelink.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The memory settings measured by the load test are the ones users run with: the Dockerfile's entry point and the
 * README's run command (the web module's pom) carry the harness's JVM options and malloc arena limit (the Dockerfile's
 * with native-heap trimming on top, which its JDK has).
 */
class JvmOptionsTests {

    private static final Path ROOT = Path.of("..");

    @Test
    void theDockerfileStartsTheAppWithTheMeasuredOptions() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String quoted = String.join(
                ", ",
                AppProcess.DOCKERFILE_JVM_OPTIONS.stream()
                        .map(o -> '"' + o + '"')
                        .toList());
        assertThat(dockerfile)
                .contains("ENTRYPOINT [\"java\", " + quoted + ", \"-XX:SharedArchiveFile=/app/flarelink.jsa\"")
                .contains("ENV MALLOC_ARENA_MAX=" + AppProcess.MALLOC_ARENA_MAX)
                // The class archive is made with the options it is used with.
                .contains("RUN java " + String.join(" ", AppProcess.DOCKERFILE_JVM_OPTIONS)
                        + " -XX:ArchiveClassesAtExit=/app/flarelink.jsa");
    }

    @Test
    void theRunCommandStartsTheAppWithTheMeasuredOptions() throws IOException {
        String pom = Files.readString(ROOT.resolve("flarelink-web/pom.xml"));
        assertThat(pom)
                .contains("<flarelink.run.jvmArguments>" + String.join(" ", AppProcess.RUN_COMMAND_JVM_OPTIONS)
                        + "</flarelink.run.jvmArguments>")
                .contains("<MALLOC_ARENA_MAX>" + AppProcess.MALLOC_ARENA_MAX + "</MALLOC_ARENA_MAX>");
        // The run command keeps spring-boot:run's optimized launch, which the load test times start-up with.
        String runCommand = pom.substring(pom.indexOf("<id>default-cli</id>"), pom.indexOf("<id>load-test</id>"));
        assertThat(runCommand).doesNotContain("optimizedLaunch");
    }
}
