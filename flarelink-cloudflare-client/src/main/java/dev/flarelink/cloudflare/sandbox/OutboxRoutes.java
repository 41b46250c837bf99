package dev.flarelink.cloudflare.sandbox;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Sandbox-only: where the local Workers runtime hands over the email a Worker sent (a Resend API call or the
 * send_email binding), so it is captured and never delivered. Only the runtime's own token may post here.
 */
final class OutboxRoutes {

    static final int MAX_MESSAGES = 500;
    private final SandboxContext ctx;

    OutboxRoutes(SandboxContext ctx) {
        this.ctx = ctx;
    }

    void routes(Router router) {
        router.addData("POST", "/accounts/{aid}/__sandbox/outbox", this::capture);
    }

    private ApiResponse capture(ApiCall call) {
        SandboxState.Token token = call.requireToken();
        if (!ctx.isRuntimeToken(token) || !token.accountId.equals(call.var("aid"))) {
            throw Authz.denied(10000);
        }
        JsonNode body = call.json();
        SandboxState.OutboxMessage message = new SandboxState.OutboxMessage();
        message.id = Ids.hex(12);
        message.time = ctx.clock.millis();
        message.accountId = token.accountId;
        message.via = body.path("via").asString("resend");
        message.from = body.path("from").asString("");
        List<String> to = new ArrayList<>();
        JsonNode recipients = body.path("to");
        if (recipients.isArray()) {
            recipients.forEach(r -> to.add(r.asString("")));
        } else if (!recipients.isMissingNode() && !recipients.isNull()) {
            to.add(recipients.asString(""));
        }
        message.to = to;
        message.subject = body.path("subject").asString("");
        message.text = body.path("text").asString("");
        message.html = body.path("html").asString("");
        ctx.state.outbox.add(message);
        ctx.store.captured(message);
        while (ctx.state.outbox.size() > MAX_MESSAGES) {
            ctx.state.outbox.remove(0); // the oldest go first: this is a test inbox, not an archive
        }
        return ApiResponse.ok(Json.object().put("id", message.id));
    }

    /** The account's captured email, newest first. */
    static List<SandboxEmail> of(SandboxContext ctx, String accountId) {
        List<SandboxEmail> list = new ArrayList<>();
        for (SandboxState.OutboxMessage message : ctx.state.outbox) {
            if (message.accountId.equals(accountId)) {
                list.add(0, SandboxEmail.of(message));
            }
        }
        return list;
    }
}
