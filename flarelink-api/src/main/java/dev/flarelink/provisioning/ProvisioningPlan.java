package dev.flarelink.provisioning;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What New project will do, shown before anything happens: the resources it will create and every Cloudflare
 * call with the permission it uses.
 */
public record ProvisioningPlan(
        String accountName,
        String accountId,
        String workerName,
        String d1Name,
        String kvTitle,
        @Nullable String r2Bucket,
        List<String> trustedOrigins,
        List<PlannedCall> calls) {}
