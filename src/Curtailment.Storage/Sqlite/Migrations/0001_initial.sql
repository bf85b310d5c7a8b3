-- What only the SQLite schema has; the shared part is Sql/Migrations/0001_initial.sql.

CREATE TABLE rejected_row (
    run_id      INTEGER NOT NULL REFERENCES ingest_run (id),
    line        INTEGER NOT NULL,
    column_name TEXT,
    reason      TEXT NOT NULL,
    raw_text    TEXT NOT NULL
);
CREATE INDEX ix_rejected_row_run ON rejected_row (run_id);

-- The upsert key of DESIGN.md: (region, series, source) via series_key, plus interval start.
CREATE TABLE observation (
    series_key      INTEGER NOT NULL REFERENCES series_key (id),
    interval_start  INTEGER NOT NULL,
    duration_s      INTEGER NOT NULL,
    value           REAL NOT NULL,
    published_at    INTEGER NOT NULL,
    ingest_run      INTEGER NOT NULL,
    note            TEXT,
    PRIMARY KEY (series_key, interval_start)
) WITHOUT ROWID;
