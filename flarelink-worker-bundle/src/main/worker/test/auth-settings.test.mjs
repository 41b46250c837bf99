import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../src/config.js";
import { renderTemplate, templateKey } from "../src/templates.js";

const MAIL = { EMAIL_PROVIDER: "resend", EMAIL_FROM: "a@example.com", RESEND_API_KEY: "re_x" };

test("magic links are on by default with a sender, and forced off without one", () => {
  assert.deepEqual(parseConfig({ ...MAIL }).magicLink, { enabled: true, disableSignUp: false });
  assert.equal(parseConfig({ ...MAIL, MAGIC_LINK_ENABLED: "false" }).magicLink.enabled, false);
  assert.equal(parseConfig({ ...MAIL, MAGIC_LINK_ENABLED: "yes" }).magicLink.enabled, false, "only the literal true counts");
  assert.equal(parseConfig({ MAGIC_LINK_ENABLED: "true" }).magicLink.enabled, false);
  assert.equal(parseConfig({ ...MAIL, MAGIC_LINK_DISABLE_SIGNUP: "TRUE" }).magicLink.disableSignUp, true);
});

test("a social provider needs both its client id and secret", () => {
  assert.deepEqual(parseConfig({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "s", GITHUB_CLIENT_ID: "id" }).social,
    { google: { clientId: "id", clientSecret: "s" } });
});

test("the app name comes from APP_NAME, else the first trusted origin without www.", () => {
  assert.equal(parseConfig({ APP_NAME: " Acme " }).appName, "Acme");
  assert.equal(parseConfig({ TRUSTED_ORIGINS: "https://www.shop.example, https://b.example" }).appName, "shop.example");
  assert.equal(parseConfig({}).appName, "your app");
});

test("templates: overrides per part, values escaped in HTML only, no line breaks in subjects", () => {
  const raw = { [templateKey("reset", "subject")]: "Reset for {{ appName }}\r\nBcc: x@example.com", [templateKey("reset", "html")]: "<b>{{appName}}</b> {{url}} {{other}}" };
  assert.equal(templateKey("magic-link", "text"), "EMAIL_TEMPLATE_MAGIC_LINK_TEXT");
  const { templates } = parseConfig(raw);
  const out = renderTemplate("reset", { url: "https://a.example/r?x=1&y=2", appName: "<A&B>" }, templates);
  assert.equal(out.subject, "Reset for <A&B> Bcc: x@example.com");
  assert.equal(out.html, "<b>&#60;A&#38;B&#62;</b> https://a.example/r?x=1&#38;y=2 {{other}}");
  assert.match(out.text, /https:\/\/a\.example\/r\?x=1&y=2/, "the default text part, unescaped");
});
