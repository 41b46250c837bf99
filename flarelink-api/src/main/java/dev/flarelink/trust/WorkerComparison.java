package dev.flarelink.trust;

import dev.flarelink.cloudflare.workers.WorkerSettings;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares a deployed Worker with what it must be and says, in words, each part that differs: the script bytes,
 * each binding, the compatibility date and flags. An empty list means it passed.
 */
final class WorkerComparison {

    private WorkerComparison() {}

    static List<String> differences(ExpectedWorker expected, DeployedWorker deployed) {
        byte[] script = deployed.script();
        WorkerSettings settings = deployed.settings();
        if (script == null || settings == null) {
            return List.of("script: the Worker is not deployed in the account any more");
        }
        List<String> differences = new ArrayList<>();
        String actual = sha256(script);
        String olderRelease = expected.published().get(actual);
        if (!actual.equals(expected.sha256()) && olderRelease != null) {
            differences.add("script: it is the published bundle " + olderRelease + ", not the current "
                    + expected.version() + "; Redeploy the project to upgrade it (its configuration is kept)");
        } else if (!actual.equals(expected.sha256())) {
            differences.add("script: its SHA-256 is " + actual + ", the published bundle's is " + expected.sha256());
        } else if (expected.recordedSha256() != null && !actual.equals(expected.recordedSha256())) {
            differences.add("script: its SHA-256 is " + actual + ", Flarelink deployed " + expected.recordedSha256());
        }
        differences.addAll(bindingDifferences(expected, settings));
        if (!expected.compatibilityDate().equals(settings.compatibilityDate())) {
            differences.add("compatibility date: " + settings.compatibilityDate() + ", the bundle expects "
                    + expected.compatibilityDate());
        }
        if (!settings.flagList().equals(expected.compatibilityFlags())) {
            differences.add("compatibility flags: " + settings.flagList() + ", the bundle expects "
                    + expected.compatibilityFlags());
        }
        return List.copyOf(differences);
    }

    private static List<String> bindingDifferences(ExpectedWorker expected, WorkerSettings settings) {
        Map<String, WorkerSettings.Binding> deployed = settings.bindingList().stream()
                .collect(Collectors.toMap(WorkerSettings.Binding::name, Function.identity(), (a, b) -> a));
        List<String> differences = new ArrayList<>();
        expected.bindings().forEach((name, target) -> {
            WorkerSettings.Binding binding = deployed.get(name);
            if (binding == null) {
                differences.add("binding " + name + ": missing, it must point to " + target.what());
            } else if (!binding.type().equals(target.type())) {
                differences.add("binding " + name + ": is of type " + binding.type() + ", expected " + target.type());
            } else if (!Objects.equals(binding.target(), target.id())) {
                differences.add("binding " + name + ": points to " + binding.target() + ", not to " + target.what()
                        + " (" + target.id() + ")");
            }
        });
        deployed.keySet().stream()
                .filter(name -> !expected.bindings().containsKey(name)
                        && !expected.optional().contains(name))
                .sorted()
                .forEach(name -> differences.add("binding " + name + ": added outside Flarelink"));
        return differences;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
