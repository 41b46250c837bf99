-- Free-text search of the Activity page on an index: trigrams (pg_trgm, shipped with PostgreSQL; a trusted extension
-- that the database owner may create) over everything the search box matches, so a rare or absent text is found
-- without reading the user's whole log. ActivityQueries.SEARCHED must stay the same expression as here.
create extension if not exists pg_trgm;

create index activity_event_search_trgm_idx on activity_event using gin (
    (action || ' ' || coalesce(path, '') || ' ' || coalesce(resource_ids, '') || ' ' || coalesce(detail, '') || ' '
        || coalesce(cf_ray, '')) gin_trgm_ops);
