-- Flarelink auth Worker, D1 schema version 1 (SQLite).
-- Tables and columns are the ones better-auth 1.7.25 plans for this Worker's configuration
-- (sessions live in KV, so there is deliberately no session table). Identifiers are camelCase
-- and quoted because better-auth queries them that way. Dates are ISO-8601 text, booleans 0/1.

CREATE TABLE IF NOT EXISTS "user" (
  "id" text NOT NULL PRIMARY KEY,
  "name" text NOT NULL,
  "email" text NOT NULL UNIQUE,
  "emailVerified" integer NOT NULL,
  "image" text,
  "createdAt" date NOT NULL,
  "updatedAt" date NOT NULL
);

CREATE TABLE IF NOT EXISTS "account" (
  "id" text NOT NULL PRIMARY KEY,
  "accountId" text NOT NULL,
  "providerId" text NOT NULL,
  "userId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
  "accessToken" text,
  "refreshToken" text,
  "idToken" text,
  "accessTokenExpiresAt" date,
  "refreshTokenExpiresAt" date,
  "scope" text,
  "password" text,
  "createdAt" date NOT NULL,
  "updatedAt" date NOT NULL
);
CREATE INDEX IF NOT EXISTS "account_userId_idx" ON "account" ("userId");

CREATE TABLE IF NOT EXISTS "verification" (
  "id" text NOT NULL PRIMARY KEY,
  "identifier" text NOT NULL,
  "value" text NOT NULL,
  "expiresAt" date NOT NULL,
  "createdAt" date NOT NULL,
  "updatedAt" date NOT NULL
);
CREATE INDEX IF NOT EXISTS "verification_identifier_idx" ON "verification" ("identifier");

-- Rate-limit counters when RATE_LIMIT_STORAGE = 'd1' (the default keeps them in KV).
CREATE TABLE IF NOT EXISTS "rateLimit" (
  "id" text NOT NULL PRIMARY KEY,
  "key" text NOT NULL UNIQUE,
  "count" integer NOT NULL,
  "lastRequest" bigint NOT NULL
);

-- Worker configuration written by Flarelink (or by hand with wrangler d1 execute).
CREATE TABLE IF NOT EXISTS "flarelink_config" (
  "key" text NOT NULL PRIMARY KEY,
  "value" text NOT NULL,
  "updated_at" integer NOT NULL DEFAULT (unixepoch())
);
