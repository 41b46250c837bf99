-- The Activity log: one row per Cloudflare HTTP attempt and per dashboard action, append-only and hash-chained per
-- user (see docs/activity-log.md for the canonical encoding, so anyone can verify an export offline).
create table activity_event (
    id             bigserial    primary key,
    user_id        uuid         not null,
    seq            bigint       not null,
    occurred_at    timestamptz  not null,
    kind           varchar(8)   not null check (kind in ('call', 'action')),
    action         varchar(100) not null,
    connection_id  uuid,
    project_id     uuid,
    method         varchar(10),
    path           varchar(500),
    resource_ids   varchar(1000),
    status         integer,
    error_codes    varchar(200),
    cf_ray         varchar(100),
    duration_ms    integer,
    attempt        integer,
    outcome        varchar(20)  not null,
    detail         varchar(4200),
    prev_hash      char(64)     not null,
    hash           char(64)     not null,
    constraint activity_event_user_seq_uq unique (user_id, seq)
);
-- Newest-first pages per user, optionally narrowed by project, action or outcome, paginated by (occurred_at, id).
create index activity_event_user_time_idx on activity_event (user_id, occurred_at desc, id desc);
create index activity_event_user_project_time_idx on activity_event (user_id, project_id, occurred_at desc, id desc);
create index activity_event_user_action_time_idx on activity_event (user_id, action, occurred_at desc, id desc);
create index activity_event_user_outcome_time_idx on activity_event (user_id, outcome, occurred_at desc, id desc);

-- The head of each user's chain. Writers lock this row, so concurrent writers (threads or nodes) cannot fork it.
create table activity_chain_head (
    user_id   uuid     primary key,
    last_seq  bigint   not null,
    last_hash char(64) not null
);

-- Left by the retention job: the chain continues from here after older events are removed.
create table activity_checkpoint (
    id            bigserial   primary key,
    user_id       uuid        not null,
    through_seq   bigint      not null,
    through_hash  char(64)    not null,
    removed_count bigint      not null,
    created_at    timestamptz not null
);
create index activity_checkpoint_user_idx on activity_checkpoint (user_id, through_seq desc);

-- Append-only: no UPDATE ever; DELETE only inside the retention job's transaction, which sets
-- flarelink.activity_retention locally (SET LOCAL) and leaves a checkpoint.
create function activity_event_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_setting('flarelink.activity_retention', true) = 'on' then
        return old;
    end if;
    raise exception 'activity_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger activity_event_append_only
    before update or delete on activity_event
    for each row execute function activity_event_append_only();

create trigger activity_event_no_truncate
    before truncate on activity_event
    for each statement execute function activity_event_append_only();
