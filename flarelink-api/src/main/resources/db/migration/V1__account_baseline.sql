-- Dashboard accounts. E-mails are stored normalised (trimmed, lower-case), so the unique index is case-insensitive
-- by construction.
create table user_account (
    id                  uuid primary key,
    email               varchar(254) not null unique,
    password_hash       varchar(255) not null,
    created_at          timestamptz  not null,
    password_changed_at timestamptz  not null
);

-- Failed sign-ins, kept for an hour, to throttle guessing (see SignInThrottle).
create table sign_in_failure (
    id             bigserial primary key,
    email          varchar(254) not null,
    client_address varchar(64)  not null,
    failed_at      timestamptz  not null
);
create index sign_in_failure_email_idx on sign_in_failure (email, failed_at);
create index sign_in_failure_address_idx on sign_in_failure (client_address, failed_at);
