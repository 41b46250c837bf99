-- Flarelink auth Worker, D1 schema version 2: what the Users page of Flarelink needs (Worker 0.4.0).
-- Ban columns on "user", indexes for keyset paging and prefix search, the auth event log, and one-time tickets
-- with which Flarelink asks the Worker to send a verification or reset link without holding the service key.

-- A banned user cannot sign in (403 USER_BANNED) until "banExpires" (ISO-8601 text, NULL = until unbanned).
ALTER TABLE "user" ADD COLUMN "banned" integer NOT NULL DEFAULT 0;
ALTER TABLE "user" ADD COLUMN "banReason" text;
ALTER TABLE "user" ADD COLUMN "banExpires" date;

-- Keyset paging newest first ("createdAt" DESC, "id" DESC) and name-prefix search; e-mail has its unique index.
CREATE INDEX IF NOT EXISTS "user_createdAt_idx" ON "user" ("createdAt", "id");
CREATE INDEX IF NOT EXISTS "user_name_idx" ON "user" ("name");

-- One row per auth event the Worker handled. Never a password, token or secret. "email" is kept only for failed
-- sign-ins (no user to point at). Rows older than AUTH_EVENT_RETENTION_DAYS (default 30) are removed on write.
CREATE TABLE IF NOT EXISTS "flarelink_auth_event" (
  "id" integer PRIMARY KEY AUTOINCREMENT,
  "at" text NOT NULL,
  "type" text NOT NULL,
  "userId" text,
  "email" text,
  "ip" text,
  "userAgent" text
);
CREATE INDEX IF NOT EXISTS "flarelink_auth_event_user_idx" ON "flarelink_auth_event" ("userId", "at");
CREATE INDEX IF NOT EXISTS "flarelink_auth_event_at_idx" ON "flarelink_auth_event" ("at");

-- One-time tickets: SHA-256 of flarelink_tk_<64 hex>, what it is for, for whom, until when (epoch ms).
CREATE TABLE IF NOT EXISTS "flarelink_ticket" (
  "hash" text NOT NULL PRIMARY KEY,
  "purpose" text NOT NULL,
  "subject" text NOT NULL,
  "expiresAt" integer NOT NULL
);
