-- Buckets attached to a project besides the one its provisioning created (project.r2_bucket). Only the bucket's
-- name is kept; the keypair the project uses for it lives in the project's own D1 (flarelink_config), never here.
create table project_bucket (
    project_id   uuid        not null references project (id) on delete cascade,
    bucket_name  varchar(63) not null,
    created_at   timestamptz not null,
    primary key (project_id, bucket_name)
);
