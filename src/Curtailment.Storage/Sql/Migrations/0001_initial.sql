-- The schema both stores share; each provider's Migrations/ adds, under the same name, what only it has. Column
-- types are placeholders that each dialect spells its own way (SchemaMigrator). Times are Unix seconds (UTC) in
-- 64-bit integer columns: compact, fast to compare, and unambiguous (ADR 0005).

CREATE TABLE series_key (
    id      {id},
    region  {text} NOT NULL,
    series  {text} NOT NULL,
    source  {text} NOT NULL,
    UNIQUE (region, series, source)
);

CREATE TABLE ingest_run (
    id              {id},
    source          {text} NOT NULL,
    file_name       {text} NOT NULL,
    file_sha256     {text} NOT NULL,
    started_at      {int64} NOT NULL,
    finished_at     {int64} NOT NULL,
    status          {text} NOT NULL,
    rows_read       {int32} NOT NULL,
    accepted        {int32} NOT NULL,
    rejected        {int32} NOT NULL,
    message         {text}
);
CREATE INDEX ix_ingest_run_file ON ingest_run (source, file_sha256, status);

-- Spans inside which a sparse series (curtailment) that lists nothing means zero.
CREATE TABLE coverage (
    series_key      {int64} NOT NULL REFERENCES series_key (id),
    span_start      {int64} NOT NULL,
    span_end        {int64} NOT NULL,
    published_at    {int64} NOT NULL,
    ingest_run      {int64} NOT NULL,
    PRIMARY KEY (series_key, span_start, span_end)
){without_rowid};

-- Which runs wrote to which series: the summary's "last ingest" and rejected counts.
CREATE TABLE series_run (
    series_key  {int64} NOT NULL,
    run_id      {int64} NOT NULL,
    PRIMARY KEY (series_key, run_id)
){without_rowid};
