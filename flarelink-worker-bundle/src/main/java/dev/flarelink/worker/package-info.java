/**
 * The auth Worker Flarelink deploys into a developer's Cloudflare account, as Java sees it: the built
 * {@code worker.mjs} bytes and their SHA-256, the ordered D1 migrations (SQLite, tracked in {@code d1_migrations}
 * the way wrangler tracks them) and the runtime settings the Worker must be uploaded with. {@link
 * dev.flarelink.worker.WorkerBundle} is the single place provisioning and the Trust page read these from.
 */
@org.jspecify.annotations.NullMarked
package dev.flarelink.worker;
