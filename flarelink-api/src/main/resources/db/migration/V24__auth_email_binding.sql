-- Authentication → Settings: a project that sends mail with Cloudflare Email Sending gets the Worker's optional
-- EMAIL (send_email) binding at every upload from then on.
alter table project add column email_binding boolean not null default false;
