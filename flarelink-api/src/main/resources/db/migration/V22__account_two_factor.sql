-- Two-factor sign-in with a TOTP app (RFC 6238). The shared secret is needed to check codes, so it cannot be hashed:
-- it is encrypted like the Cloudflare token (AES-256-GCM, bound to its owner). confirmed_at stays null until the user
-- has typed a first code; last_used_step makes each code single-use (a code of that step or earlier is refused).
create table totp_factor (
    user_id          uuid        primary key references user_account (id) on delete cascade,
    secret_encrypted text        not null,
    created_at       timestamptz not null,
    confirmed_at     timestamptz,
    last_used_step   bigint      not null default -1
);

-- One-time recovery codes, stored as SHA-256 of the code (they are 60-bit random, so a fast hash is enough).
create table recovery_code (
    id        bigserial   primary key,
    user_id   uuid        not null references user_account (id) on delete cascade,
    code_hash char(64)    not null,
    used_at   timestamptz,
    constraint recovery_code_user_hash_uq unique (user_id, code_hash)
);

-- Row-level security as V12 sets it up for every table with a user_id.
do $$
declare
    tenant_table text;
begin
    foreach tenant_table in array array['totp_factor', 'recovery_code']
    loop
        execute format('alter table %I enable row level security', tenant_table);
        execute format('alter table %I force row level security', tenant_table);
        execute format(
            'create policy tenant_rows on %I using ('
                || 'current_setting(''flarelink.system'', true) = ''on'' '
                || 'or user_id = nullif(current_setting(''flarelink.user_id'', true), '''')::uuid) '
                || 'with check ('
                || 'current_setting(''flarelink.system'', true) = ''on'' '
                || 'or user_id = nullif(current_setting(''flarelink.user_id'', true), '''')::uuid)',
            tenant_table);
    end loop;
end $$;
