-- Sign-ups per client address, kept for an hour, to throttle account creation (see SignUpThrottle).
create table sign_up_attempt (
    id             bigserial primary key,
    client_address varchar(64) not null,
    attempted_at   timestamptz not null
);
create index sign_up_attempt_address_idx on sign_up_attempt (client_address, attempted_at);

-- Retention checkpoints are signed (HMAC-SHA256 under a key derived from the master key, which lives outside
-- PostgreSQL), so whoever can write the database cannot remove the start of a chain and leave a checkpoint that
-- verifies. key_id names the master key the signature's key was derived from.
alter table activity_checkpoint add column key_id varchar(64);
alter table activity_checkpoint add column mac varchar(100);

-- The append-only exception is no longer a setting any role can set: the app's role may not delete events at all,
-- and removes a prefix of a chain only through this function, which runs as the schema owner, checks the hash it is
-- given against the stored event and always leaves the checkpoint.
create function activity_retention_remove(
    p_user uuid, p_through_seq bigint, p_through_hash char(64), p_key_id varchar(64), p_mac varchar(100),
    p_created_at timestamptz) returns bigint
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    removed bigint;
begin
    if not exists (select 1 from activity_event
                   where user_id = p_user and seq = p_through_seq and hash = p_through_hash) then
        raise exception 'event % of this chain does not have the hash given', p_through_seq
            using errcode = 'invalid_parameter_value';
    end if;
    perform set_config('flarelink.activity_retention', 'on', true);
    delete from activity_event where user_id = p_user and seq <= p_through_seq;
    get diagnostics removed = row_count;
    perform set_config('flarelink.activity_retention', 'off', true);
    insert into activity_checkpoint (user_id, through_seq, through_hash, removed_count, created_at, key_id, mac)
    values (p_user, p_through_seq, p_through_hash, removed, p_created_at, p_key_id, p_mac);
    return removed;
end;
$$;
revoke all on function activity_retention_remove(uuid, bigint, char, varchar, varchar, timestamptz) from public;

create or replace function activity_event_append_only() returns trigger language plpgsql as $$
begin
    -- Inside activity_retention_remove current_user is the schema owner; the app's role never passes.
    if tg_op = 'DELETE' and current_setting('flarelink.activity_retention', true) = 'on'
            and current_user <> 'flarelink_app' then
        return old;
    end if;
    raise exception 'activity_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'flarelink_app') then
        grant execute on function activity_retention_remove(uuid, bigint, char, varchar, varchar, timestamptz)
            to flarelink_app;
        revoke update, delete, truncate on activity_event from flarelink_app;
        revoke update, delete, truncate on activity_checkpoint from flarelink_app;
    end if;
end $$;
