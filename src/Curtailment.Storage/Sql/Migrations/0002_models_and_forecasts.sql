-- Model artifacts live in the database so that any process can serve any region.
CREATE TABLE model (
    id              {id},
    region          {text} NOT NULL,
    kind            {text} NOT NULL,
    version         {text} NOT NULL,
    status          {text} NOT NULL,
    created_at      {int64} NOT NULL,
    activated_at    {int64},
    retired_at      {int64},
    manifest        {text} NOT NULL,
    artifact        {bytes} NOT NULL,
    UNIQUE (region, version)
);
CREATE INDEX ix_model_region_status ON model (region, status);

CREATE TABLE forecast (
    id              {id},
    region          {text} NOT NULL,
    issued_at       {int64} NOT NULL,
    generated_at    {int64} NOT NULL,
    model_version   {text} NOT NULL,
    data_as_of      {int64},
    UNIQUE (region, issued_at, model_version)
);
CREATE INDEX ix_forecast_region_issued ON forecast (region, issued_at);

CREATE TABLE forecast_point (
    forecast_id     {int64} NOT NULL REFERENCES forecast (id) ON DELETE CASCADE,
    interval_start  {int64} NOT NULL,
    interval_end    {int64} NOT NULL,
    predicted_mw    {float64} NOT NULL,
    lower_mw        {float64} NOT NULL,
    upper_mw        {float64} NOT NULL,
    p_event         {float64} NOT NULL,
    PRIMARY KEY (forecast_id, interval_start)
){without_rowid};
