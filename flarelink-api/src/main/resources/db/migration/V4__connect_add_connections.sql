-- A user's Cloudflare connection. The token is stored only as AES-256-GCM ciphertext bound (associated data) to
-- this user, this connection and the purpose; the fingerprint (prefix + last 4) lets the user recognise it.
create table cloudflare_connection (
    id                uuid         primary key,
    user_id           uuid         not null references user_account (id) on delete cascade,
    account_id        varchar(64)  not null,
    account_name      varchar(255) not null,
    token_ciphertext  text         not null,
    token_id          varchar(64)  not null,
    token_fingerprint varchar(32)  not null,
    status            varchar(16)  not null check (status in ('active', 'revoked', 'expired')),
    granted           varchar(200) not null,
    checked_at        timestamptz  not null,
    created_at        timestamptz  not null,
    constraint cloudflare_connection_user_account_uq unique (user_id, account_id)
);
create index cloudflare_connection_user_idx on cloudflare_connection (user_id);
