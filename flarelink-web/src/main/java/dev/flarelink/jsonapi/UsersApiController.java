package dev.flarelink.jsonapi;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.users.UserDetail;
import dev.flarelink.users.UsersPage;
import dev.flarelink.users.UsersQuery;
import dev.flarelink.users.UsersService;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Users of a project, as the Authentication → Users page shows and manages them: pages of users (keyset cursor,
 * one D1 call), one user with linked accounts, sessions (never their tokens) and auth events, and the actions that
 * need no e-mail — sign out everywhere, ban and unban. Same service, same owner checks, same Activity entries.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/users")
class UsersApiController {

    static final String USER = "/{userId:[A-Za-z0-9_-]{1,64}}";

    private final UsersService users;

    UsersApiController(UsersService users) {
        this.users = users;
    }

    @GetMapping
    Map<String, Object> list(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID projectId,
            @RequestParam(required = false) @Nullable String order,
            @RequestParam(required = false) @Nullable String filter,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "false") boolean exact) {
        UsersPage page = users.list(user.id(), projectId, UsersQuery.of(order, filter, q, cursor, exact));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("users", page.users());
        answer.put("nextCursor", page.next());
        answer.put("estimate", page.estimate());
        answer.put("exact", page.exact());
        return answer;
    }

    @GetMapping(USER)
    Map<String, Object> user(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID projectId,
            @PathVariable String userId,
            @RequestParam(required = false) @Nullable String eventType) {
        UserDetail detail = users.user(user.id(), projectId, userId, eventType);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", detail.id());
        answer.put("email", detail.email());
        answer.put("name", detail.name());
        answer.put("verified", detail.verified());
        answer.put("image", detail.image());
        answer.put("createdAt", detail.createdAt());
        answer.put("updatedAt", detail.updatedAt());
        answer.put("banned", detail.banned());
        answer.put("banReason", detail.banReason());
        answer.put("banExpires", detail.banExpires());
        answer.put("accounts", detail.accounts());
        answer.put("sessions", detail.sessions());
        answer.put("sessionsNote", detail.sessionsNote());
        answer.put("events", detail.events());
        return answer;
    }

    /** Removes every session of the user from KV; other locations see it within KV's ~60 s propagation. */
    @PostMapping(USER + "/signout")
    Map<String, Object> signOut(
            @AuthenticationPrincipal SignedInUser user, @PathVariable UUID projectId, @PathVariable String userId) {
        return Map.of("sessionsEnded", users.signOutEverywhere(user.id(), projectId, userId));
    }

    /** Bans the user (body {@code {reason, until?}}, until = a date, the ban ending at its start) and signs them out. */
    @PostMapping(USER + "/ban")
    Map<String, Object> ban(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID projectId,
            @PathVariable String userId,
            @RequestBody(required = false) @Nullable Ban body) {
        String reason = body == null || body.reason() == null ? "" : body.reason();
        LocalDate until = null;
        if (body != null && body.until() != null && !body.until().isBlank()) {
            try {
                until = LocalDate.parse(body.until().strip());
            } catch (DateTimeParseException e) {
                throw new ApiProblem(
                        HttpStatus.BAD_REQUEST, "VALIDATION", "until must be a date such as 2027-01-31, or left out.");
            }
        }
        return Map.of("banned", true, "sessionsEnded", users.ban(user.id(), projectId, userId, reason, until));
    }

    @PostMapping(USER + "/unban")
    Map<String, Object> unban(
            @AuthenticationPrincipal SignedInUser user, @PathVariable UUID projectId, @PathVariable String userId) {
        users.unban(user.id(), projectId, userId);
        return Map.of("banned", false);
    }

    /** The body of a ban. */
    record Ban(@Nullable String reason, @Nullable String until) {}
}
