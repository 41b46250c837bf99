package dev.flarelink.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/connect.md shows the same permission table as {@link Permission}, row for row. */
class PermissionDocsTests {

    @Test
    void theDocsTableMatchesThePermissionEnum() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "connect.md"));

        for (Permission p : Permission.values()) {
            String row = "| " + p.label() + " | " + (p.required() ? "Required" : "Optional") + " | " + p.purpose()
                    + " | " + p.whatFlarelinkDoes() + " |";
            assertThat(docs).as(p.name()).contains(row);
        }
    }

    @Test
    void exactlyFourPermissionsAreRequiredAndTheTemplateLinkNamesAllFive() {
        assertThat(Permission.requiredOnes()).hasSize(4).doesNotContain(Permission.API_TOKENS);
        assertThat(Permission.tokenTemplateUrl())
                .startsWith("https://dash.cloudflare.com/profile/api-tokens?permissionGroupKeys=")
                .contains("name=Flarelink");
    }
}
