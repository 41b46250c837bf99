-- Trust: every "Verify now" and scheduled re-verification of a project's deployed auth Worker. A check compares the
-- deployed script's SHA-256, its bindings and compatibility date with the bundle this Flarelink ships; differences
-- are stored in words, never a secret.
create table trust_verification (
    id           bigserial    primary key,
    project_id   uuid         not null references project (id) on delete cascade,
    user_id      uuid         not null references user_account (id) on delete cascade,
    checked_at   timestamptz  not null,
    passed       boolean      not null,
    trigger      varchar(16)  not null check (trigger in ('manual', 'scheduled')),
    differences  text         not null
);
create index trust_verification_project_idx on trust_verification (project_id, checked_at desc, id desc);

-- When each active project was last picked for scheduled re-verification. Nodes claim due rows with
-- UPDATE ... WHERE project_id IN (SELECT ... FOR UPDATE SKIP LOCKED), so two nodes never check the same project.
create table trust_reverify (
    project_id  uuid         primary key references project (id) on delete cascade,
    claimed_at  timestamptz  not null
);
