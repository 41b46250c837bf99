/**
 * Reconciliation: compares Cloudflare's account audit log for a connection's token with the Activity log's own call
 * events over a time range, matched by ray id (falling back to method, path and time), and reports what one side
 * recorded that the other did not. It only reads, and its own Cloudflare calls are recorded like any other.
 */
@org.jspecify.annotations.NullMarked
package dev.flarelink.activity.reconcile;
