// Builds the better-auth instance from the D1 configuration; one instance per isolate and config version.
import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { waitUntil } from "cloudflare:workers";
import { recordEvent } from "./auth-events.js";
import { emailSender } from "./email.js";
import { kvSecondaryStorage } from "./kv-storage.js";
import { passwordHasher } from "./password.js";
import { rateLimitStorage } from "./rate-limit.js";

export const SESSION_SECONDS = 7 * 24 * 60 * 60;
export const SESSION_REFRESH_SECONDS = 24 * 60 * 60;

/** True while the user is banned: banned = 1 and no end date, or an end date still ahead (migration 0002). */
export async function isBanned(db, userId, now = Date.now()) {
  let row;
  try {
    row = await db.prepare('SELECT "banned", "banExpires" FROM "user" WHERE "id" = ?1').bind(userId).first();
  } catch (e) {
    // Without migration 0002 there are no ban columns and nobody is banned; anything else is a real failure.
    if (String(e?.message ?? e).includes("no such column")) return false;
    throw e;
  }
  if (!row || !row.banned) return false;
  return row.banExpires == null || Date.parse(row.banExpires) > now;
}

/** The better-auth options for one configuration; exported so tests can inspect them. */
export function authOptions(config, env, baseURL) {
  const send = emailSender(config, env);
  const https = baseURL.startsWith("https:");
  return {
    appName: "Flarelink",
    baseURL,
    basePath: "/api/auth",
    secret: config.secret,
    trustedOrigins: config.trustedOrigins,
    telemetry: { enabled: false },
    database: env.DB,
    secondaryStorage: kvSecondaryStorage(env.SESSIONS),
    session: { storeSessionInDatabase: false, expiresIn: SESSION_SECONDS, updateAge: SESSION_REFRESH_SECONDS },
    verification: { storeInDatabase: true },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: config.requireEmailVerification,
      password: passwordHasher(config.pbkdf2Iterations),
      ...(send && { sendResetPassword: ({ user, url }) => send("reset", user.email, url) }),
      onPasswordReset: async ({ user }) => recordEvent("password_reset", { userId: user.id }),
    },
    ...(send && {
      emailVerification: {
        sendVerificationEmail: ({ user, url }) => send("verify", user.email, url),
        sendOnSignUp: config.sendVerificationOnSignUp || config.requireEmailVerification,
        autoSignInAfterVerification: true,
        afterEmailVerification: async (user) => recordEvent("email_verified", { userId: user.id }),
      },
    }),
    databaseHooks: {
      user: { create: { after: async (user) => recordEvent("sign_up", { userId: user.id }) } },
      session: {
        create: {
          // Every way of signing in creates a session here, so this is where a ban is enforced.
          before: async (session) => {
            if (await isBanned(env.DB, session.userId)) {
              recordEvent("ban_refused", { userId: session.userId });
              throw new APIError("FORBIDDEN", { code: "USER_BANNED", message: "This account has been suspended." });
            }
          },
          after: async (session) => recordEvent("sign_in", { userId: session.userId }),
        },
      },
    },
    rateLimit: { enabled: config.rateLimit.enabled, customStorage: rateLimitStorage(config.rateLimit.storage, env) },
    advanced: {
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
      // The instance outlives a request, so background work uses the isolate-wide waitUntil.
      backgroundTasks: { handler: (promise) => waitUntil(promise) },
      // Apps usually call the Worker cross-site (workers.dev); Lax cookies would not be sent there.
      ...(https && { defaultCookieAttributes: { sameSite: "none", secure: true, partitioned: true } }),
    },
  };
}

let instances = new Map();
let instancesGeneration = -1;

/** Returns the cached instance for this configuration and base URL, building it on first use. */
export function authFor(config, env, baseURL) {
  if (instancesGeneration !== config.generation) {
    instances = new Map();
    instancesGeneration = config.generation;
  }
  let auth = instances.get(baseURL);
  if (!auth) {
    if (instances.size >= 8) instances.clear(); // bounded: a Worker normally answers on one or two hosts
    auth = betterAuth(authOptions(config, env, baseURL));
    instances.set(baseURL, auth);
  }
  return auth;
}
