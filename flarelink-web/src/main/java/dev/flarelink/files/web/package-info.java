/**
 * The Files pages: buckets of the user's connections ({@code /files}), a bucket's CORS rules, live check and R2 keys
 * ({@code /files/{connectionId}/{bucket}}). Controllers only talk to {@code dev.flarelink.files}; a minted keypair is
 * rendered once in the response to the POST that minted it and kept nowhere.
 */
@NullMarked
package dev.flarelink.files.web;

import org.jspecify.annotations.NullMarked;
