-- Projects: an auth backend (Worker + D1 + KV, optionally an R2 bucket) provisioned into the user's own Cloudflare
-- account. Flarelink keeps the ids and names of what it created, never a secret: the auth secret lives only in the
-- user's D1 (flarelink_config) and of the service key only the SHA-256 is kept here.
create table project (
    id                  uuid         primary key,
    user_id             uuid         not null references user_account (id) on delete cascade,
    -- No foreign key: disconnecting must not be blocked by projects; a run on a vanished connection says so.
    connection_id       uuid         not null,
    account_id          varchar(64)  not null,
    name                varchar(40)  not null,
    trusted_origins     text         not null,
    worker_name         varchar(100) not null,
    d1_name             varchar(100) not null,
    kv_title            varchar(100) not null,
    r2_bucket           varchar(63),
    d1_database_id      varchar(64),
    kv_namespace_id     varchar(64),
    workers_dev_url     varchar(300),
    custom_domain       varchar(253),
    custom_domain_id    varchar(64),
    deployed_version    varchar(40),
    deployed_sha256     varchar(64),
    service_key_sha256  varchar(64)  not null,
    status              varchar(16)  not null
        check (status in ('provisioning', 'active', 'failed', 'deleting', 'delete_failed', 'deleted')),
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);
-- A name is unique among a user's live projects; a deleted project frees it.
create unique index project_user_name_uq on project (user_id, name) where status <> 'deleted';
create index project_user_idx on project (user_id, created_at);

-- The service key in plaintext exists only until its owner has seen it once, and even then only encrypted
-- (AES-256-GCM, bound to the user and the project); the row is deleted when it is shown.
create table project_service_key_once (
    project_id  uuid        primary key references project (id) on delete cascade,
    ciphertext  text        not null,
    created_at  timestamptz not null
);

-- A provisioning, teardown or redeploy run. A node works on a run only while it holds the claim
-- (claimed_by/claimed_until, taken with SELECT ... FOR UPDATE SKIP LOCKED); an expired claim means the node died
-- and any node may resume the run.
create table provisioning_run (
    id             uuid         primary key,
    project_id     uuid         not null references project (id) on delete cascade,
    kind           varchar(16)  not null check (kind in ('provision', 'teardown', 'redeploy')),
    status         varchar(16)  not null
        check (status in ('pending', 'running', 'rolling_back', 'succeeded', 'rolled_back', 'failed')),
    attempt        integer      not null default 1,
    claimed_by     varchar(100),
    claimed_until  timestamptz,
    failed_step    varchar(40),
    error          varchar(2000),
    created_at     timestamptz  not null,
    started_at     timestamptz,
    finished_at    timestamptz
);
-- At most one unfinished run per project: two nodes can never work on the same project at once.
create unique index provisioning_run_one_active_uq on provisioning_run (project_id)
    where status in ('pending', 'running', 'rolling_back');
create index provisioning_run_claimable_idx on provisioning_run (status, claimed_until)
    where status in ('pending', 'running', 'rolling_back');

-- One row per step of a run. create_attempted is set before a create is sent, so that a resource found by name
-- later (a lost response, a crash) is known to be ours and is adopted or cleaned up, never duplicated.
create table provisioning_step (
    run_id            uuid         not null references provisioning_run (id) on delete cascade,
    name              varchar(40)  not null,
    position          integer      not null,
    status            varchar(16)  not null
        check (status in ('pending', 'running', 'done', 'failed', 'rolled_back', 'skipped')),
    create_attempted  boolean      not null default false,
    adopted           boolean      not null default false,
    remote_id         varchar(200),
    error             varchar(2000),
    started_at        timestamptz,
    finished_at       timestamptz,
    primary key (run_id, name)
);
