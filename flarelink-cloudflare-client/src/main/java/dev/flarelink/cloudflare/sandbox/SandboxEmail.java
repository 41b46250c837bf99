package dev.flarelink.cloudflare.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * One email a local Worker sent in sandbox mode, captured instead of delivered.
 *
 * @param id a random id
 * @param accountId the account whose Worker sent it
 * @param via {@code resend} (a call to Resend's API) or {@code send_email} (the Cloudflare binding)
 * @param html the HTML body as the Worker sent it: untrusted, render it only in a sandboxed frame
 */
public record SandboxEmail(
        String id,
        Instant sentAt,
        String accountId,
        String via,
        String from,
        List<String> to,
        String subject,
        String text,
        String html) {

    static SandboxEmail of(SandboxState.OutboxMessage message) {
        return new SandboxEmail(
                message.id,
                Instant.ofEpochMilli(message.time),
                message.accountId,
                message.via,
                message.from,
                List.copyOf(message.to),
                message.subject,
                message.text,
                message.html);
    }
}
