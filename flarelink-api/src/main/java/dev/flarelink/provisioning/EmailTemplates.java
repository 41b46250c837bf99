package dev.flarelink.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The auth Worker's three email templates (verify, reset, magic-link) and their placeholders, as the dashboard
 * checks and previews them. The defaults are the Worker's own ({@code src/templates.js}); keep the two in step.
 */
public final class EmailTemplates {

    /** Template kinds, in the order the page shows them. */
    public static final List<String> KINDS = List.of("verify", "reset", "magic-link");
    /** Parts of each template. */
    public static final List<String> PARTS = List.of("subject", "html", "text");
    /** Longest template part accepted: D1 takes 100 KB per statement, and an email this size is already odd. */
    public static final int MAX_LENGTH = 20_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern KNOWN = Pattern.compile("\\{\\{\\s*(url|appName)\\s*}}");
    private static final Pattern URL = Pattern.compile("\\{\\{\\s*url\\s*}}");

    private static final Map<String, Map<String, String>> DEFAULTS = Map.of(
            "verify",
            Map.of(
                    "subject",
                    "Verify your email for {{appName}}",
                    "html",
                    html("Confirm your email address for {{appName}}.", "Verify email"),
                    "text",
                    "Confirm your email address for {{appName}} by opening this link:\n\n{{url}}\n\n"
                            + "If you did not ask for this, you can ignore this email.\n"),
            "reset",
            Map.of(
                    "subject",
                    "Reset your {{appName}} password",
                    "html",
                    html(
                            "Someone asked to reset the password of your {{appName}} account. The link works "
                                    + "for one hour.",
                            "Reset password"),
                    "text",
                    "Someone asked to reset the password of your {{appName}} account. Open this link to "
                            + "choose a new one (it works for one hour):\n\n{{url}}\n\nIf you did not ask for "
                            + "this, you can ignore this email.\n"),
            "magic-link",
            Map.of(
                    "subject",
                    "Your sign-in link for {{appName}}",
                    "html",
                    html("Use this link to sign in to {{appName}}. It works once, within 5 minutes.", "Sign in"),
                    "text",
                    "Use this link to sign in to {{appName}}. It works once, within 5 minutes:\n\n{{url}}\n\n"
                            + "If you did not ask for this, you can ignore this email.\n"));

    private EmailTemplates() {}

    private static String html(String lead, String action) {
        return "<div style=\"font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:480px;margin:0 auto;"
                + "padding:24px;color:#1f2933;line-height:1.5\">"
                + "<p style=\"margin:0 0 16px\">" + lead + "</p>"
                + "<p style=\"margin:0 0 24px\"><a href=\"{{url}}\" style=\"display:inline-block;background:#1f2933;"
                + "color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none\">" + action + "</a></p>"
                + "<p style=\"margin:0 0 8px;font-size:13px;color:#52606d\">If the button does not work, open this "
                + "link:</p>"
                + "<p style=\"margin:0 0 24px;font-size:13px;word-break:break-all\"><a href=\"{{url}}\">{{url}}</a></p>"
                + "<p style=\"margin:0;font-size:13px;color:#52606d\">If you did not ask for this, you can ignore this "
                + "email.</p>"
                + "</div>";
    }

    /** The {@code flarelink_config} key of a template part, e.g. {@code EMAIL_TEMPLATE_MAGIC_LINK_HTML}. */
    public static String key(String kind, String part) {
        return "EMAIL_TEMPLATE_" + kind.replace('-', '_').toUpperCase(java.util.Locale.ROOT) + "_"
                + part.toUpperCase(java.util.Locale.ROOT);
    }

    /** The Worker's default text of a part. */
    public static String defaultText(String kind, String part) {
        return DEFAULTS.get(kind).get(part);
    }

    /** Every config key of the templates. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (String kind : KINDS) {
            for (String part : PARTS) {
                keys.add(key(kind, part));
            }
        }
        return keys;
    }

    /**
     * What is wrong with one part's text, or null when it can be saved. Empty means "use the default".
     */
    static @Nullable String problem(String part, String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            return "is " + text.length() + " characters long; keep it under " + MAX_LENGTH + ".";
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!KNOWN.matcher(m.group()).matches()) {
                return "uses the unknown placeholder " + m.group() + "; only {{url}} and {{appName}} are filled in.";
            }
        }
        if (part.equals("subject") && (text.contains("\n") || text.contains("\r"))) {
            return "must be one line.";
        }
        if (!part.equals("subject") && !URL.matcher(text).find()) {
            return "must contain {{url}}, or nobody can follow the link.";
        }
        return null;
    }

    /**
     * Renders a part the way the Worker does: in HTML the values are escaped, in subject and text they are not.
     *
     * @param override the saved text, or null for the default
     */
    public static String render(String kind, String part, @Nullable String override, String url, String appName) {
        String template = override == null || override.isEmpty() ? defaultText(kind, part) : override;
        boolean escape = part.equals("html");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("url", escape ? escapeHtml(url) : url);
        values.put("appName", escape ? escapeHtml(appName) : appName);
        Matcher m = KNOWN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The same escaping as the Worker's: numeric references for the five characters that matter in HTML. */
    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
                out.append("&#").append((int) c).append(';');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
