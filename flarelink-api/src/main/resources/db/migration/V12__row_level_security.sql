-- Defense in depth (goal G7): every table with a user_id column is readable and writable only for the user whose id
-- the session carries (flarelink.user_id), or by the app's own background work (flarelink.system = 'on'). The app
-- works as the role flarelink_app, which owns nothing and cannot bypass row security; FORCE makes the policies
-- apply to the tables' owner too. A connection that sets neither setting sees no tenant row at all.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'flarelink_app') then
        begin
            create role flarelink_app nologin nosuperuser nobypassrls noinherit;
        exception
            when duplicate_object then null; -- another node created it at the same moment
            when insufficient_privilege then
                raise exception 'Flarelink needs a role flarelink_app (NOLOGIN NOBYPASSRLS) for row-level security, '
                    'and % may not create roles. Run as a superuser: CREATE ROLE flarelink_app NOLOGIN NOBYPASSRLS; '
                    'GRANT flarelink_app TO %; then start Flarelink again.', current_user, current_user;
        end;
    end if;
    if not pg_has_role(current_user, 'flarelink_app', 'MEMBER') then
        begin
            execute format('grant flarelink_app to %I', current_user);
        exception when insufficient_privilege then
            raise exception 'Run as a superuser: GRANT flarelink_app TO %; then start Flarelink again.', current_user;
        end;
    end if;
end $$;

grant usage on schema public to flarelink_app;
grant select, insert, update, delete on all tables in schema public to flarelink_app;
grant usage, select on all sequences in schema public to flarelink_app;
grant execute on all functions in schema public to flarelink_app;
-- Tables and sequences of later migrations (made by the same migrating user) are granted alike.
alter default privileges in schema public grant select, insert, update, delete on tables to flarelink_app;
alter default privileges in schema public grant usage, select on sequences to flarelink_app;

do $$
declare
    tenant_table record;
begin
    for tenant_table in
        select c.table_name
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'user_id' and t.table_type = 'BASE TABLE'
    loop
        execute format('alter table %I enable row level security', tenant_table.table_name);
        execute format('alter table %I force row level security', tenant_table.table_name);
        execute format(
            'create policy tenant_rows on %I using ('
                || 'current_setting(''flarelink.system'', true) = ''on'' '
                || 'or user_id = nullif(current_setting(''flarelink.user_id'', true), '''')::uuid) '
                || 'with check ('
                || 'current_setting(''flarelink.system'', true) = ''on'' '
                || 'or user_id = nullif(current_setting(''flarelink.user_id'', true), '''')::uuid)',
            tenant_table.table_name);
    end loop;
end $$;
