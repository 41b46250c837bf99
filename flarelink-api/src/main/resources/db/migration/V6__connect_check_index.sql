-- The background check looks for active connections not verified recently; this keeps that query off a full scan.
create index cloudflare_connection_due_idx on cloudflare_connection (checked_at) where status = 'active';
