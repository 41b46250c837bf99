package dev.flarelink.trust;

import dev.flarelink.connect.Permission;
import dev.flarelink.worker.WorkerBundle;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The facts the public Trust page states, from their single sources: the permission table from {@link Permission},
 * the Worker's version and hash from {@link WorkerBundle}, and the command anyone can run to check a deployment.
 */
@Component
public class TrustFacts {

    private final WorkerBundle bundle = WorkerBundle.load();

    public List<Permission> permissions() {
        return List.of(Permission.values());
    }

    public String workerVersion() {
        return bundle.version();
    }

    public String workerSha256() {
        return bundle.sha256();
    }

    /**
     * A shell pipeline (curl, awk, sha256sum; nothing of Flarelink's) that downloads the deployed script with the
     * user's own token and prints its SHA-256. Cloudflare answers with a multipart body; awk keeps the first part's
     * bytes: it skips the part headers up to the blank line and stops at the closing boundary, dropping the line
     * break that belongs to the boundary.
     */
    public static String verifyCommand(String apiBase) {
        return "curl -sS -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\\n"
                + "  \"" + apiBase + "/accounts/$ACCOUNT_ID/workers/scripts/$SCRIPT_NAME/content/v2\" \\\n"
                + "  | tr -d '\\r' \\\n"
                + "  | awk 'NR==1{b=$0;next} !h{if($0==\"\")h=1;next} $0==b\"--\"{exit} {if(p)print l; l=$0; p=1}' \\\n"
                + "  | sha256sum";
    }

    public String verifyCommand() {
        return verifyCommand("https://api.cloudflare.com/client/v4");
    }
}
