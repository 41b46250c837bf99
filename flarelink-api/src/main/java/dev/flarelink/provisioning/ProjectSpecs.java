package dev.flarelink.provisioning;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stand-in project for describing steps where no real project is at hand (error texts). */
final class ProjectSpecs {

    static final ProjectSpec PLACEHOLDER = new ProjectSpec(
            new UUID(0, 0),
            new UUID(0, 0),
            new UUID(0, 0),
            "example",
            ResourceNames.worker("example"),
            ResourceNames.database("example"),
            ResourceNames.kvNamespace("example"),
            "example-bucket",
            List.of("https://app.example.com"),
            "0".repeat(64),
            Map.of(),
            false);

    private ProjectSpecs() {}
}
