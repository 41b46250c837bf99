package dev.flarelink.activity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityRecorder;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

/** The Activity page, detail, exports and verification, against the real app and a real PostgreSQL. */
@SpringBootTest
@AutoConfigureMockMvc
class ActivityPageIntegrationTests {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Pattern EVENT_LINK = Pattern.compile("href=\"/activity/(\\d+)\"");
    private static final Pattern OLDER_LINK = Pattern.compile("href=\"(/activity\\?[^\"]*before=[^\"]+)\"");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ActivityRecorder recorder;

    @Autowired
    ActivityService activity;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void showsOnlyTheSignedInUsersEventsAndAnswers404ForAnyOtherEvent() throws Exception {
        User ada = signUp("ada");
        User bob = signUp("bob");
        record(ada.id(), T0, "d1.database.query", null, "ok", "ray-ada", "select 1");
        for (int i = 0; i < 3; i++) {
            record(bob.id(), T0.plusSeconds(i), "kv.put", null, "ok", "ray-bob-" + i, "key");
        }

        String page = html(mvc.perform(get("/activity").cookie(ada.session())));
        assertThat(page).contains("ray-ada").contains("d1.database.query").doesNotContain("ray-bob");
        assertThat(page).contains("<caption class=\"visually-hidden\">Activity events, newest first</caption>");

        long adas = ada.base() + 1;
        String detail = html(mvc.perform(get("/activity/" + adas).cookie(ada.session())));
        assertThat(detail)
                .contains("ray-ada")
                .contains(activity.event(ada.id(), adas).hash())
                .contains(activity.event(ada.id(), adas).prevHash());
        // Bob's third event has a number Ada's log does not reach: Ada gets the same 404 as for a missing one.
        long bobs = bob.base() + 3;
        assertThat(bobs).isGreaterThan(adas);
        mvc.perform(get("/activity/" + bobs).cookie(ada.session())).andExpect(status().isNotFound());
        mvc.perform(get("/activity/999").cookie(ada.session())).andExpect(status().isNotFound());
        assertThat(html(mvc.perform(get("/activity/" + bobs).cookie(bob.session()))))
                .contains("ray-bob-2");
    }

    @Test
    void filtersNarrowTheListAndBadInputIsExplainedNextToTheField() throws Exception {
        User ada = signUp("filters");
        UUID project = UUID.randomUUID();
        record(ada.id(), T0, "d1.database.query", project, "ok", "ray-one", "select 1");
        record(ada.id(), T0.plusSeconds(3600), "kv.put", null, "client_error", "ray-two", "key");
        record(ada.id(), T0.plusSeconds(7200), "r2.bucket.create", null, "ok", "ray-three", "bucket");

        assertThat(html(mvc.perform(get("/activity").param("action", "kv.put").cookie(ada.session()))))
                .contains("ray-two")
                .doesNotContain("ray-one")
                .doesNotContain("ray-three");
        assertThat(html(mvc.perform(
                        get("/activity").param("project", project.toString()).cookie(ada.session()))))
                .contains("ray-one")
                .doesNotContain("ray-two");
        assertThat(html(mvc.perform(
                        get("/activity").param("outcome", "client_error").cookie(ada.session()))))
                .contains("ray-two")
                .doesNotContain("ray-one");
        assertThat(html(mvc.perform(get("/activity")
                        .param("from", "2026-03-01T10:30")
                        .param("to", "2026-03-01T11:30")
                        .cookie(ada.session()))))
                .contains("ray-two")
                .doesNotContain("ray-one")
                .doesNotContain("ray-three");
        assertThat(html(mvc.perform(get("/activity").param("q", "THREE").cookie(ada.session()))))
                .contains("ray-three")
                .doesNotContain("ray-two");

        assertThat(html(mvc.perform(
                        get("/activity").param("project", "not-an-id").cookie(ada.session()))))
                .contains("Choose one of your projects from the list")
                .doesNotContain("ray-one");
        assertThat(html(mvc.perform(get("/activity")
                        .param("from", "2026-03-02T00:00")
                        .param("to", "2026-03-01T00:00")
                        .cookie(ada.session()))))
                .contains("The end must be after the start.");
        assertThat(html(mvc.perform(get("/activity").param("from", "yesterday").cookie(ada.session()))))
                .contains("Write the time in UTC as");
    }

    @Test
    void olderEventsLinksWalkEveryEventOnceNewestFirst() throws Exception {
        User ada = signUp("pages");
        for (int i = 0; i < 120; i++) {
            // Pairs share a timestamp, so the id tie-breaker is exercised at page boundaries.
            record(ada.id(), T0.plusSeconds(i / 2), "d1.database.query", null, "ok", "ray-" + i, "q");
        }

        List<Long> seen = new ArrayList<>();
        @Nullable String next = "/activity";
        int pages = 0;
        while (next != null) {
            String page = html(mvc.perform(get(next).cookie(ada.session())));
            Matcher events = EVENT_LINK.matcher(page);
            while (events.find()) {
                seen.add(Long.parseLong(events.group(1)));
            }
            Matcher older = OLDER_LINK.matcher(page);
            next = older.find() ? HtmlUtils.htmlUnescape(older.group(1)) : null;
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(120 + (int) ada.base()).doesNotHaveDuplicates();
        // The sign-in's own event is newer than the test's (which are in March 2026), so it comes first.
        assertThat(seen.stream().filter(seq -> seq > ada.base()).toList())
                .hasSize(120)
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void exportsTheFilteredSetAsCsvAndJsonLinesWithHashes() throws Exception {
        User ada = signUp("export");
        record(ada.id(), T0, "d1.database.query", null, "ok", "ray-x", "=cmd|' /C calc'!A0");
        record(ada.id(), T0.plusSeconds(1), "kv.put", null, "ok", "ray-y", "key");

        String csv = download(ada, "/activity/export.csv");
        String jsonl = download(ada, "/activity/export.jsonl?action=kv.put");

        assertThat(csv)
                .contains("\"'=cmd|' /C calc'!A0\"")
                .doesNotContain(",\"=cmd")
                .contains(activity.event(ada.id(), ada.base() + 1).hash())
                .contains(activity.event(ada.id(), ada.base() + 2).hash());
        assertThat(csv.lines()).hasSize(3 + (int) ada.base());
        assertThat(jsonl.lines()).hasSize(1);
        assertThat(jsonl)
                .contains("\"seq\":" + (ada.base() + 2))
                .contains("\"prev_hash\":\""
                        + activity.event(ada.id(), ada.base() + 1).hash() + "\"")
                .contains(
                        "\"hash\":\"" + activity.event(ada.id(), ada.base() + 2).hash() + "\"")
                .doesNotContain("ray-x");
    }

    @Test
    void verifyReportsAnIntactChainThenTheFirstBrokenLinkAfterTampering() throws Exception {
        User ada = signUp("verify");
        for (int i = 0; i < 4; i++) {
            record(ada.id(), T0.plusSeconds(i), "d1.database.query", null, "ok", "ray-" + i, "q" + i);
        }

        String intact =
                html(mvc.perform(post("/activity/verify").cookie(ada.session()).with(csrf())));
        assertThat(intact).contains("The chain is intact").contains(">" + (4 + ada.base()) + "</span> events verified");
        assertThat(activity.event(ada.id(), ada.base() + 5).entry().action()).isEqualTo("activity.verify");
        mvc.perform(post("/activity/verify").cookie(ada.session())).andExpect(status().isForbidden());

        // Tampering needs the tables' owner: the app's own role may not even switch the trigger off.
        assertThatThrownBy(() -> jdbc.sql("alter table activity_event disable trigger activity_event_append_only")
                        .update())
                .hasRootCauseMessage("ERROR: must be owner of table activity_event");
        transactions.executeWithoutResult(status -> {
            jdbc.sql("set local role none").update();
            jdbc.sql("alter table activity_event disable trigger activity_event_append_only")
                    .update();
            jdbc.sql("update activity_event set detail = 'forged' where user_id = :u and seq = :seq")
                    .param("u", ada.id())
                    .param("seq", ada.base() + 2)
                    .update();
            jdbc.sql("alter table activity_event enable trigger activity_event_append_only")
                    .update();
        });

        String broken =
                html(mvc.perform(post("/activity/verify").cookie(ada.session()).with(csrf())));
        assertThat(broken)
                .contains("The chain is broken at event <span>" + (ada.base() + 2) + "</span>")
                .contains("was changed after it was recorded");
    }

    private void record(
            UUID user, Instant at, String action, @Nullable UUID project, String outcome, String ray, String detail) {
        recorder.append(new ActivityEntry(
                user,
                0,
                at,
                "call",
                action,
                null,
                project,
                "POST",
                "/accounts/{account_id}/x",
                "account_id=a1",
                outcome.equals("ok") ? 200 : 400,
                outcome.equals("ok") ? null : "10000",
                ray,
                15,
                1,
                outcome,
                detail));
    }

    private String download(User user, String path) throws Exception {
        MvcResult started = mvc.perform(get(path).cookie(user.session()))
                .andExpect(request().asyncStarted())
                .andReturn();
        return mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private String html(org.springframework.test.web.servlet.ResultActions actions) throws Exception {
        return actions.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private User signUp(String name) throws Exception {
        String email = Emails.unique(name);
        mvc.perform(post("/signup")
                        .param("email", email)
                        .param("password", "a sturdy passphrase of words")
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        MvcResult result = mvc.perform(post("/signin")
                        .param("email", email)
                        .param("password", "a sturdy passphrase of words")
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        Cookie session = result.getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        UUID id = jdbc.sql("select id from user_account where email = :e")
                .param("e", email)
                .query(UUID.class)
                .single();
        // Signing in is itself in the account's log (a security event): the test's own events come after it.
        return new User(id, session, activity.lastSeq(id));
    }

    private record User(UUID id, Cookie session, long base) {}
}
