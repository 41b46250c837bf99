package dev.flarelink.activity.web;

import static dev.flarelink.support.FormerTemplates.normalised;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityEventView;
import dev.flarelink.support.FormerTemplates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Activity rows built in Java are the markup the template made, links with the context path included, and every
 * value stays text: checked against the former template rendered by Thymeleaf itself.
 */
class ActivityRowsHtmlTests {

    private static final String HOSTILE = "<script>alert(\"x\")</script> & 'q'";

    private final List<ActivityEventView> events = List.of(
            event(
                    7,
                    "d1.query",
                    "POST",
                    "/accounts/{account_id}/d1/database/" + HOSTILE,
                    200,
                    null,
                    "8a1b-LHR",
                    12,
                    "ok"),
            event(8, "key.minted", null, null, null, HOSTILE, null, null, "failed"),
            event(9, HOSTILE, "GET", null, 429, "10000,971", "ray\"><img src=x>", 3, "rate_limited"));

    @Test
    void isTheMarkupTheTemplateMade() {
        assertThat(normalised(ActivityRowsHtml.of(events, "/dash"))).isEqualTo(normalised(asTemplate("/dash")));
        assertThat(normalised(ActivityRowsHtml.of(events, ""))).isEqualTo(normalised(asTemplate("")));
    }

    @Test
    void keepsEveryValueText() {
        String html = ActivityRowsHtml.of(events, "");

        assertThat(html)
                .doesNotContain("<script", "<img")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;")
                .contains("ray&quot;&gt;&lt;img src=x&gt;")
                .contains("<a href=\"/activity/8\">8</a>")
                .contains("<span class=\"outcome outcome-failed\">failed</span>");
    }

    private static ActivityEventView event(
            long seq,
            String action,
            String method,
            String path,
            Integer status,
            String errors,
            String ray,
            Integer millis,
            String outcome) {
        ActivityEntry entry = new ActivityEntry(
                UUID.randomUUID(),
                seq,
                Instant.parse("2026-12-06T07:00:00.123456Z").plusSeconds(seq),
                "call",
                action,
                null,
                null,
                method,
                path,
                null,
                status,
                errors,
                ray,
                millis,
                1,
                outcome,
                null);
        return new ActivityEventView(seq, entry, "prev", "hash");
    }

    private String asTemplate(String contextPath) {
        return FormerTemplates.render("activity/activity-rows-as-template.html", Map.of("events", events), contextPath);
    }
}
