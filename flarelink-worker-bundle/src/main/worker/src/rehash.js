// Rehash-on-login: when PBKDF2_ITERATIONS is raised (e.g. to the hardened 600,000), a stored hash with fewer
// iterations is replaced the next time its owner signs in with the right password. Never in bulk: Flarelink does not
// know the passwords, and a bulk job would not fit a Worker's CPU budget anyway.
import { createAuthMiddleware } from "better-auth/api";
import { hashPassword, storedIterations } from "./password.js";

/** better-auth's hooks.after handler for the configured iteration count. */
export function rehashOnSignIn(iterations) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== "/sign-in/email") return;
    const userId = ctx.context.newSession?.user?.id;
    const password = ctx.body?.password;
    if (!userId || typeof password !== "string") return;
    const accounts = await ctx.context.internalAdapter.findAccounts(userId);
    const credential = accounts.find((a) => a.providerId === "credential");
    const current = storedIterations(credential?.password);
    if (current === null || current >= iterations) return;
    await ctx.context.internalAdapter.updatePassword(userId, await hashPassword(password, iterations));
  });
}
