-- What moved each day of a vintage, as JSON; null for vintages issued before explanations existed.
ALTER TABLE forecast ADD COLUMN explanations {text};
