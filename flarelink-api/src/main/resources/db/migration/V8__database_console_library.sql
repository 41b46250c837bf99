-- The SQL console's history (every run, newest kept) and saved snippets, per user and D1 database. Reached only
-- through user_id; connection_id names the connection the database was opened through.
create table d1_console_entry (
    id            uuid          primary key,
    user_id       uuid          not null references user_account (id) on delete cascade,
    connection_id uuid          not null references cloudflare_connection (id) on delete cascade,
    database_id   varchar(64)   not null,
    kind          varchar(8)    not null check (kind in ('history', 'snippet')),
    name          varchar(100),
    sql_text      text          not null,
    outcome       varchar(16),
    created_at    timestamptz   not null,
    constraint d1_console_entry_snippet_named check (kind <> 'snippet' or name is not null)
);
create index d1_console_entry_lookup_idx on d1_console_entry (user_id, connection_id, database_id, kind, created_at desc);
