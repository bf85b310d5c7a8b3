-- What only the PostgreSQL schema has; the shared part is Sql/Migrations/0001_initial.sql.

-- PostgreSQL has no rowid: 'ordinal' keeps the file order of a run's rejected rows.
CREATE TABLE rejected_row (
    run_id      bigint NOT NULL REFERENCES ingest_run (id),
    ordinal     integer NOT NULL,
    line        integer NOT NULL,
    column_name text,
    reason      text NOT NULL,
    raw_text    text NOT NULL,
    PRIMARY KEY (run_id, ordinal)
);

-- The upsert key of DESIGN.md: (region, series, source) via series_key, plus interval start.
-- No foreign key to series_key: a foreign key is a trigger per inserted row, the bulk ingest's largest cost
-- after the index; keys are created in the ingest's own transaction and never deleted.
-- NaN is refused, as SQLite refuses it (it binds NaN as NULL): a NaN value fails the whole run.
-- Columns in this order pack the row without padding.
CREATE TABLE observation (
    series_key      bigint NOT NULL,
    interval_start  bigint NOT NULL,
    published_at    bigint NOT NULL,
    ingest_run      bigint NOT NULL,
    value           double precision NOT NULL CHECK (value <> 'NaN'::double precision),
    duration_s      integer NOT NULL,
    note            text,
    PRIMARY KEY (series_key, interval_start)
);
