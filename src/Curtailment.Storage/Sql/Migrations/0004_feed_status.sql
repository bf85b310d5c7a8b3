-- Per-feed health, written by the ingest job after each feed run and read by /api/v1/feeds and /health/ready.
-- Times are Unix seconds like everywhere else; newest_period is the period's first day as yyyy-MM-dd.
CREATE TABLE feed_status (
    feed                    {text} NOT NULL PRIMARY KEY,
    region                  {text} NOT NULL,
    last_attempt_at         {int64} NOT NULL,
    last_success_at         {int64},
    newest_period           {text},
    last_error_at           {int64},
    last_error              {text},
    consecutive_failures    {int32} NOT NULL
);
