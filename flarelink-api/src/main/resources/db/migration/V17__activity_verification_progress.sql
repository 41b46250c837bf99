-- "Verify integrity" walks a user's chain in batches and records here how far it got after each one: the Activity
-- page shows a long run's progress, and a run that stopped part-way (the node restarted, the request timed out)
-- resumes from its last verified link instead of from the start. A finished run has finished_at set.
create table activity_verification (
    user_id      uuid        primary key,
    started_at   timestamptz not null,
    updated_at   timestamptz not null,
    from_seq     bigint      not null,
    through_seq  bigint      not null,
    through_hash char(64)    not null,
    target_seq   bigint      not null,
    checked      bigint      not null,
    finished_at  timestamptz
);

-- Same tenant rule as every user-owned table (V12).
alter table activity_verification enable row level security;
alter table activity_verification force row level security;
create policy tenant_rows on activity_verification
    using (current_setting('flarelink.system', true) = 'on'
        or user_id = nullif(current_setting('flarelink.user_id', true), '')::uuid)
    with check (current_setting('flarelink.system', true) = 'on'
        or user_id = nullif(current_setting('flarelink.user_id', true), '')::uuid);
