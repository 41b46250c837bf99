-- Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies", see SignInThrottle): a failure made
-- by a browser that presented a valid device cookie is counted against that cookie alone (device_nonce), every other
-- failure against the account's shared allowance for untrusted clients (device_nonce null).
alter table sign_in_failure add column device_nonce varchar(64);
create index sign_in_failure_device_idx on sign_in_failure (device_nonce, failed_at) where device_nonce is not null;

-- Lockouts once an allowance is spent: lock_key is 'untrusted:' || e-mail or 'device:' || nonce. A row outlives its
-- lock only until the purge, and while it exists failures from before locked_until no longer count.
create table sign_in_lockout (
    lock_key     varchar(320) primary key,
    locked_until timestamptz  not null
);
