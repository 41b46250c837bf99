-- R2 keys Flarelink minted (Cloudflare user tokens scoped to buckets). Only what identifies them is kept: the token
-- id (which is also the S3 access key id), its name, the buckets and the dates. The token value and the S3 secret
-- derived from it are shown to the user once and never stored.
create table r2_key (
    id            uuid          primary key,
    user_id       uuid          not null references user_account (id) on delete cascade,
    connection_id uuid          not null references cloudflare_connection (id) on delete cascade,
    token_id      varchar(64)   not null,
    name          varchar(255)  not null,
    buckets       varchar(2000) not null,
    created_at    timestamptz   not null,
    revoked_at    timestamptz,
    constraint r2_key_token_uq unique (connection_id, token_id)
);
create index r2_key_user_idx on r2_key (user_id, connection_id);
