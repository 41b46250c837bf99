package dev.flarelink.provisioning;

import dev.flarelink.connect.Permission;
import java.util.List;

/** Reads the account's workers.dev subdomain, which the Worker's public URL is built from. */
final class SubdomainLookupStep implements Step {

    static final String NAME = "workers.subdomain";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Read your workers.dev subdomain";
    }

    @Override
    public List<String> after() {
        return List.of();
    }

    @Override
    public List<PlannedCall> calls(ProjectSpec spec, String accountId) {
        return List.of(new PlannedCall(
                "GET",
                "/accounts/" + accountId + "/workers/subdomain",
                Permission.WORKERS_SCRIPTS,
                "Find your workers.dev address"));
    }

    @Override
    public StepOutcome execute(StepScope scope) {
        String subdomain = scope.call(api -> api.workers().accountSubdomain(scope.accountId()))
                .orElseThrow(() -> new StepProblemException("Your Cloudflare account has no workers.dev subdomain "
                        + "yet. Open Workers & Pages in the Cloudflare dashboard once to choose one, then Retry."));
        return StepOutcome.created(subdomain);
    }
}
