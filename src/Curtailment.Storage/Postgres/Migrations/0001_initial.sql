-- Times are Unix seconds (UTC) in bigint columns, as in the SQLite store: see ADR 0005.

CREATE TABLE series_key (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region  text NOT NULL,
    series  text NOT NULL,
    source  text NOT NULL,
    UNIQUE (region, series, source)
);

CREATE TABLE ingest_run (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source          text NOT NULL,
    file_name       text NOT NULL,
    file_sha256     text NOT NULL,
    started_at      bigint NOT NULL,
    finished_at     bigint NOT NULL,
    status          text NOT NULL,
    rows_read       integer NOT NULL,
    accepted        integer NOT NULL,
    rejected        integer NOT NULL,
    message         text
);
CREATE INDEX ix_ingest_run_file ON ingest_run (source, file_sha256, status);

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

-- Spans inside which a sparse series (curtailment) that lists nothing means zero.
CREATE TABLE coverage (
    series_key      bigint NOT NULL REFERENCES series_key (id),
    span_start      bigint NOT NULL,
    span_end        bigint NOT NULL,
    published_at    bigint NOT NULL,
    ingest_run      bigint NOT NULL,
    PRIMARY KEY (series_key, span_start, span_end)
);

-- Which runs wrote to which series: the summary's "last ingest" and rejected counts.
CREATE TABLE series_run (
    series_key  bigint NOT NULL,
    run_id      bigint NOT NULL,
    PRIMARY KEY (series_key, run_id)
);
