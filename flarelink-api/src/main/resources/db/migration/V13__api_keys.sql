-- Personal API keys (flk_…) for the /api/** JSON surface. Only the SHA-256 of a key is kept: a key is 32 random
-- bytes, so its hash cannot be reversed by guessing, and no server secret (pepper) has to be shared by every node
-- and rotated (docs/api.md). The window columns count requests per key per minute for the rate limit, in the
-- database so that several nodes share one limit.
create table api_key (
    id            uuid         primary key,
    user_id       uuid         not null references user_account (id) on delete cascade,
    name          varchar(100) not null,
    prefix        varchar(16)  not null,
    key_sha256    char(64)     not null,
    scope         varchar(10)  not null check (scope in ('read_only', 'full')),
    created_at    timestamptz  not null,
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    window_start  timestamptz,
    window_count  integer      not null default 0,
    constraint api_key_sha256_uq unique (key_sha256)
);
create index api_key_user_idx on api_key (user_id, created_at desc);

-- The project a user's API calls use when a route names none (PUT /api/me/active-project).
create table api_preference (
    user_id            uuid primary key references user_account (id) on delete cascade,
    active_project_id  uuid,
    updated_at         timestamptz not null
);

-- Row-level security as V12 set it up for every table with a user_id.
alter table api_key enable row level security;
alter table api_key force row level security;
create policy tenant_rows on api_key using (
        current_setting('flarelink.system', true) = 'on'
        or user_id = nullif(current_setting('flarelink.user_id', true), '')::uuid)
    with check (
        current_setting('flarelink.system', true) = 'on'
        or user_id = nullif(current_setting('flarelink.user_id', true), '')::uuid);
alter table api_preference enable row level security;
alter table api_preference force row level security;
create policy tenant_rows on api_preference using (
        current_setting('flarelink.system', true) = 'on'
        or user_id = nullif(current_setting('flarelink.user_id', true), '')::uuid)
    with check (
        current_setting('flarelink.system', true) = 'on'
        or user_id = nullif(current_setting('flarelink.user_id', true), '')::uuid);
