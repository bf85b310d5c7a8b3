-- Model artifacts live in the database so that any process can serve any region.
CREATE TABLE model (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region          text NOT NULL,
    kind            text NOT NULL,
    version         text NOT NULL,
    status          text NOT NULL,
    created_at      bigint NOT NULL,
    activated_at    bigint,
    retired_at      bigint,
    manifest        text NOT NULL,
    artifact        bytea NOT NULL,
    UNIQUE (region, version)
);
CREATE INDEX ix_model_region_status ON model (region, status);
-- One active model per region, whatever several processes do at once.
CREATE UNIQUE INDEX ux_model_one_active ON model (region) WHERE status = 'Active';

CREATE TABLE forecast (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region          text NOT NULL,
    issued_at       bigint NOT NULL,
    generated_at    bigint NOT NULL,
    model_version   text NOT NULL,
    data_as_of      bigint,
    UNIQUE (region, issued_at, model_version)
);
CREATE INDEX ix_forecast_region_issued ON forecast (region, issued_at);

CREATE TABLE forecast_point (
    forecast_id     bigint NOT NULL REFERENCES forecast (id) ON DELETE CASCADE,
    interval_start  bigint NOT NULL,
    interval_end    bigint NOT NULL,
    predicted_mw    double precision NOT NULL,
    lower_mw        double precision NOT NULL,
    upper_mw        double precision NOT NULL,
    p_event         double precision NOT NULL,
    PRIMARY KEY (forecast_id, interval_start)
);
