package dev.flarelink.trust;

import dev.flarelink.provisioning.ProjectView;
import java.util.List;

/**
 * Everything Flarelink created for one project and the wrangler commands that keep managing it without Flarelink.
 *
 * @param project the project with its resource names and ids
 * @param created one line per resource Flarelink created
 * @param wranglerToml a wrangler.toml that matches the deployed Worker
 * @param commands wrangler commands, each with what it does
 */
public record LeavePlan(ProjectView project, List<String> created, String wranglerToml, List<Command> commands) {

    /**
     * One wrangler command.
     *
     * @param what what it does
     * @param line the command line
     */
    public record Command(String what, String line) {}
}
