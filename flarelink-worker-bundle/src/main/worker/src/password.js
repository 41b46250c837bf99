// PBKDF2-SHA256 password hashing, in the format pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>.
// Up to 100,000 iterations it runs on WebCrypto; production Workers reject more there (NotSupportedError), so the
// hardened setting (600,000) runs on @noble/hashes instead: the same standard PBKDF2, in JavaScript, costing far
// more CPU than the Workers Free plan's 10 ms, which is why it is opt-in.
import { pbkdf2Async } from "@noble/hashes/pbkdf2.js";
import { sha256 } from "@noble/hashes/sha2.js";

/** The most WebCrypto's PBKDF2 does on production Workers. */
export const WEBCRYPTO_MAX_ITERATIONS = 100_000;
/** Hardened hashing (Workers Paid plan): OWASP's 2023 figure for PBKDF2-SHA256. */
export const HARDENED_ITERATIONS = 600_000;
/** Ceiling for configured and stored counts: a stored hash above it never verifies (it would burn the CPU budget). */
export const MAX_ITERATIONS = 1_000_000;
/** Below this the hash is too cheap to be worth calling a password hash. */
export const MIN_ITERATIONS = 10_000;
export const DEFAULT_ITERATIONS = WEBCRYPTO_MAX_ITERATIONS;

const PREFIX = "pbkdf2-sha256";
const SALT_BYTES = 16;
const KEY_BITS = 256;
const encoder = new TextEncoder();

/** Clamps a configured iteration count into the range the runtime accepts. */
export function clampIterations(value) {
  const n = Number.parseInt(value ?? "", 10);
  if (!Number.isFinite(n)) return DEFAULT_ITERATIONS;
  return Math.min(MAX_ITERATIONS, Math.max(MIN_ITERATIONS, n));
}

async function derive(password, salt, iterations) {
  if (iterations > WEBCRYPTO_MAX_ITERATIONS) {
    return pbkdf2Async(sha256, encoder.encode(password), salt, { c: iterations, dkLen: KEY_BITS / 8, asyncTick: 50 });
  }
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, KEY_BITS);
  return new Uint8Array(bits);
}

function toBase64(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Compares in time that depends only on the length, never on where the bytes differ. */
export function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password, iterations = DEFAULT_ITERATIONS) {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `${PREFIX}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** The iteration count of a stored hash, or null when it is not one of ours. */
export function storedIterations(stored) {
  const parts = typeof stored === "string" ? stored.split("$") : [];
  const n = Number(parts[1]);
  return parts.length === 4 && parts[0] === PREFIX && Number.isInteger(n) ? n : null;
}

/** Checks a password against a stored hash; malformed or out-of-range hashes never verify. */
export async function verifyPassword(stored, password) {
  const parts = typeof stored === "string" ? stored.split("$") : [];
  if (parts.length !== 4 || parts[0] !== PREFIX) return false;
  const iterations = Number(parts[1]);
  // The count comes from storage: refuse values the runtime would reject or that are trivially cheap.
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return false;
  let salt;
  let expected;
  try {
    salt = fromBase64(parts[2]);
    expected = fromBase64(parts[3]);
  } catch {
    return false;
  }
  const actual = await derive(password, salt, iterations);
  return constantTimeEqual(actual, expected);
}

/** The shape better-auth's emailAndPassword.password option expects. */
export function passwordHasher(iterations) {
  return {
    hash: (password) => hashPassword(password, iterations),
    verify: ({ hash, password }) => verifyPassword(hash, password),
  };
}
