-- Times are Unix seconds (UTC) in INTEGER columns: compact, fast to compare, and unambiguous.

CREATE TABLE series_key (
    id      INTEGER PRIMARY KEY,
    region  TEXT NOT NULL,
    series  TEXT NOT NULL,
    source  TEXT NOT NULL,
    UNIQUE (region, series, source)
);

CREATE TABLE ingest_run (
    id              INTEGER PRIMARY KEY,
    source          TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    file_sha256     TEXT NOT NULL,
    started_at      INTEGER NOT NULL,
    finished_at     INTEGER NOT NULL,
    status          TEXT NOT NULL,
    rows_read       INTEGER NOT NULL,
    accepted        INTEGER NOT NULL,
    rejected        INTEGER NOT NULL,
    message         TEXT
);
CREATE INDEX ix_ingest_run_file ON ingest_run (source, file_sha256, status);

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

-- Spans inside which a sparse series (curtailment) that lists nothing means zero.
CREATE TABLE coverage (
    series_key      INTEGER NOT NULL REFERENCES series_key (id),
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    published_at    INTEGER NOT NULL,
    ingest_run      INTEGER NOT NULL,
    PRIMARY KEY (series_key, span_start, span_end)
) WITHOUT ROWID;

-- Which runs wrote to which series: the summary's "last ingest" and rejected counts.
CREATE TABLE series_run (
    series_key  INTEGER NOT NULL,
    run_id      INTEGER NOT NULL,
    PRIMARY KEY (series_key, run_id)
) WITHOUT ROWID;
