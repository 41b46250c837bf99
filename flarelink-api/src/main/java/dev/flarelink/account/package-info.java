/**
 * Dashboard accounts: sign-up, password hashing (Argon2id), the password policy, and the throttling of failed
 * sign-ins. Everything else a user owns (connections, projects, activity) is reached through the account id kept
 * here.
 */
@NullMarked
package dev.flarelink.account;

import org.jspecify.annotations.NullMarked;
