// Magic-link sign-in through better-auth's plugin, loaded only when MAGIC_LINK_ENABLED allows it and email can be sent.
import { magicLink } from "better-auth/plugins/magic-link";

/** A link works once, within five minutes. */
export const MAGIC_LINK_SECONDS = 300;

/** The plugins to load: the magic link, or none. `send(kind, to, url)` is the configured email sender. */
export function magicLinkPlugins(config, send) {
  if (!send || !config.magicLink?.enabled) return [];
  return [
    magicLink({
      expiresIn: MAGIC_LINK_SECONDS,
      disableSignUp: config.magicLink.disableSignUp,
      // Only a hash of the token is stored in D1, so a read of the verification table cannot sign anyone in.
      storeToken: "hashed",
      sendMagicLink: ({ email, url }) => send("magic-link", email, url),
    }),
  ];
}
