-- What only the PostgreSQL schema has; the shared part is Sql/Migrations/0002_models_and_forecasts.sql.

-- One active model per region, whatever several processes do at once.
CREATE UNIQUE INDEX ux_model_one_active ON model (region) WHERE status = 'Active';
