/**
 * R2 bucket management over REST: buckets, CORS policies in R2's camelCase schema, and temporary S3 credentials.
 */
@NullMarked
package dev.flarelink.cloudflare.r2;

import org.jspecify.annotations.NullMarked;
