-- Model artifacts live in the database so that any process can serve any region.
CREATE TABLE model (
    id              INTEGER PRIMARY KEY,
    region          TEXT NOT NULL,
    kind            TEXT NOT NULL,
    version         TEXT NOT NULL,
    status          TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    activated_at    INTEGER,
    retired_at      INTEGER,
    manifest        TEXT NOT NULL,
    artifact        BLOB NOT NULL,
    UNIQUE (region, version)
);
CREATE INDEX ix_model_region_status ON model (region, status);

CREATE TABLE forecast (
    id              INTEGER PRIMARY KEY,
    region          TEXT NOT NULL,
    issued_at       INTEGER NOT NULL,
    generated_at    INTEGER NOT NULL,
    model_version   TEXT NOT NULL,
    data_as_of      INTEGER,
    UNIQUE (region, issued_at, model_version)
);
CREATE INDEX ix_forecast_region_issued ON forecast (region, issued_at);

CREATE TABLE forecast_point (
    forecast_id     INTEGER NOT NULL REFERENCES forecast (id) ON DELETE CASCADE,
    interval_start  INTEGER NOT NULL,
    interval_end    INTEGER NOT NULL,
    predicted_mw    REAL NOT NULL,
    lower_mw        REAL NOT NULL,
    upper_mw        REAL NOT NULL,
    p_event         REAL NOT NULL,
    PRIMARY KEY (forecast_id, interval_start)
) WITHOUT ROWID;
