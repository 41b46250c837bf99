-- Passkeys, in the tables Spring Security's JDBC WebAuthn repositories read and write
-- (user-entities-schema.sql and user-credentials-schema-postgres.sql), plus the owning account: user_id is filled
-- from the connection's tenant (the signed-in user registering the passkey), so row-level security applies as to
-- every table with a user_id.
create table user_entities (
    id           varchar(1000) primary key,
    name         varchar(100)  not null unique,
    display_name varchar(200),
    user_id      uuid          not null unique references user_account (id) on delete cascade
        default nullif(current_setting('flarelink.user_id', true), '')::uuid
);

create table user_credentials (
    credential_id                varchar(1000) primary key,
    user_entity_user_id          varchar(1000) not null references user_entities (id) on delete cascade,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null,
    user_id                      uuid          not null references user_account (id) on delete cascade
        default nullif(current_setting('flarelink.user_id', true), '')::uuid
);
create index user_credentials_user_idx on user_credentials (user_id);

do $$
declare
    tenant_table text;
begin
    foreach tenant_table in array array['user_entities', 'user_credentials']
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

-- Password-reset links sent by e-mail: only the SHA-256 of the token is kept; single use, 30 minutes.
create table password_reset_token (
    token_hash char(64)    primary key,
    user_id    uuid        not null references user_account (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index password_reset_token_user_idx on password_reset_token (user_id, created_at);
alter table password_reset_token enable row level security;
alter table password_reset_token force row level security;
create policy tenant_rows on password_reset_token using (
    current_setting('flarelink.system', true) = 'on'
    or user_id = nullif(current_setting('flarelink.user_id', true), '')::uuid)
    with check (
    current_setting('flarelink.system', true) = 'on'
    or user_id = nullif(current_setting('flarelink.user_id', true), '')::uuid);

-- E-mail verification of accounts, when mail is configured: when the address was confirmed, and the links sent to
-- confirm it (hashed, single use, 24 hours).
alter table user_account add column email_verified_at timestamptz;
create table email_verification_token (
    token_hash char(64)    primary key,
    user_id    uuid        not null references user_account (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index email_verification_token_user_idx on email_verification_token (user_id, created_at);
alter table email_verification_token enable row level security;
alter table email_verification_token force row level security;
create policy tenant_rows on email_verification_token using (
    current_setting('flarelink.system', true) = 'on'
    or user_id = nullif(current_setting('flarelink.user_id', true), '')::uuid)
    with check (
    current_setting('flarelink.system', true) = 'on'
    or user_id = nullif(current_setting('flarelink.user_id', true), '')::uuid);
