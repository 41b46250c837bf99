/**
 * A faithful local emulator ("sandbox") of the Cloudflare API v4 endpoints Flarelink uses: tokens, accounts,
 * zones, Workers scripts and custom domains, D1 (real SQLite), KV, R2 buckets and an S3-compatible object
 * endpoint that verifies SigV4 signatures. It runs in-process on the JDK HTTP server so the product and its tests
 * work end to end offline; {@link dev.flarelink.cloudflare.sandbox.CloudflareSandbox} is the entry point.
 */
@org.jspecify.annotations.NullMarked
package dev.flarelink.cloudflare.sandbox;
