package dev.flarelink.activity.web;

import static dev.flarelink.web.HtmlText.escape;

import dev.flarelink.activity.ActivityEventView;
import java.util.List;

/**
 * The Activity table's rows as HTML, built in Java: eleven expressions a row, fifty rows a page, were most of the
 * page's template work under load (issue 24). The markup is the one the template made; every value is escaped as
 * {@code th:text} would ({@link dev.flarelink.web.HtmlText}).
 */
final class ActivityRowsHtml {

    private ActivityRowsHtml() {}

    /** The rows of the table's {@code <tbody>}; {@code contextPath} prefixes each event's link, as {@code @{…}} does. */
    static String of(List<ActivityEventView> events, String contextPath) {
        StringBuilder html = new StringBuilder(events.size() * 420);
        for (ActivityEventView e : events) {
            String at = escape(e.occurredAtText());
            html.append("<tr>\n<td><a href=\"")
                    .append(escape(contextPath + e.detailPath()))
                    .append("\">")
                    .append(e.seq())
                    .append("</a></td>\n<td><time datetime=\"")
                    .append(at)
                    .append("\">")
                    .append(at)
                    .append("</time></td>\n<td>")
                    .append(escape(e.action()))
                    .append("</td>\n<td class=\"mono\">")
                    .append(escape(e.methodAndPath()))
                    .append("</td>\n<td><span class=\"")
                    .append(escape(e.outcomeClass()))
                    .append("\">")
                    .append(escape(e.outcome()))
                    .append("</span> <span>")
                    .append(escape(e.statusText()))
                    .append("</span></td>\n<td>")
                    .append(escape(e.errorCodes()))
                    .append("</td>\n<td class=\"mono\">")
                    .append(escape(e.cfRay()))
                    .append("</td>\n<td>")
                    .append(escape(e.durationText()))
                    .append("</td>\n</tr>\n");
        }
        return html.toString();
    }
}
