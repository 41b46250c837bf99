package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.cloudflare.workers.WorkerBinding;
import dev.flarelink.cloudflare.workers.WorkerScriptUploadParams;
import dev.flarelink.connect.Permission;
import dev.flarelink.worker.Binding;
import dev.flarelink.worker.WorkerBundle;
import java.time.LocalDate;
import java.util.List;

/**
 * Uploads the bundled auth Worker with its {@code DB} and {@code SESSIONS} bindings and the bundle's compatibility
 * date and flags. The upload is an upsert, so repeating it is safe.
 */
final class WorkerUploadStep implements Step {

    static final String NAME = "worker.upload";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Upload the auth Worker with bindings DB and SESSIONS";
    }

    @Override
    public List<String> after() {
        return List.of(D1CreateStep.NAME, KvCreateStep.NAME, ConfigBackfillStep.NAME);
    }

    @Override
    public List<PlannedCall> calls(ProjectSpec spec, String accountId) {
        return List.of(new PlannedCall(
                "PUT",
                "/accounts/" + accountId + "/workers/scripts/" + spec.workerName(),
                Permission.WORKERS_SCRIPTS,
                "Upload the Worker bundle (multipart, bindings DB → D1, SESSIONS → KV)"));
    }

    @Override
    public StepOutcome execute(StepScope scope) {
        WorkerBundle bundle = scope.bundle();
        WorkerScriptUploadParams.Builder upload = WorkerScriptUploadParams.builder(
                        scope.spec().workerName())
                .mainModule(bundle.mainModule(), bundle.script())
                .compatibilityDate(LocalDate.parse(bundle.compatibilityDate()));
        bundle.compatibilityFlags().forEach(upload::compatibilityFlag);
        for (Binding binding : bundle.bindings()) {
            upload.binding(toUpload(binding, scope));
        }
        if (scope.spec().emailBinding()) {
            // Cloudflare Email Sending was chosen in Authentication → Settings: bind the optional EMAIL too.
            bundle.optionalBindings().stream()
                    .filter(b -> b.type() == Binding.Type.SEND_EMAIL)
                    .forEach(b -> upload.binding(WorkerBinding.sendEmail(b.name())));
        }
        scope.markCreateAttempted();
        WorkerScriptUploadParams params = upload.build();
        scope.call(api -> api.workers().upload(scope.accountId(), params));
        return StepOutcome.created(scope.spec().workerName());
    }

    private static WorkerBinding toUpload(Binding binding, StepScope scope) {
        return switch (binding.type()) {
            case D1 -> WorkerBinding.d1(binding.name(), scope.resultOf(D1CreateStep.NAME));
            case KV_NAMESPACE -> WorkerBinding.kv(binding.name(), scope.resultOf(KvCreateStep.NAME));
            case SEND_EMAIL -> throw new IllegalStateException("send_email is optional and not bound at upload");
        };
    }

    @Override
    public void undo(StepScope scope, StepRecord record) {
        if (record.remoteId() == null && !record.createAttempted()) {
            return;
        }
        try {
            scope.run(
                    api -> api.workers().delete(scope.accountId(), scope.spec().workerName()));
        } catch (NotFoundException alreadyGone) {
            // Never uploaded, or deleted already: nothing to undo.
        }
    }
}
