#!/usr/bin/env python3
"""Synthetic year of 5-minute CAISO data for the backtest speed benchmark (docs/benchmarks.md).

There is no real year of 5-minute curtailment. This replays the cleaned January-April 2021 files
(curtailment, Today's Outlook, day-ahead solar/wind forecasts) three more times, shifted by whole
weeks (17, 34 and 51 weeks = 119, 238, 357 days) so weekdays line up, giving 2021-01-01 .. 2021-12-31
plus a few days. Every *_utc / *_local instant column is shifted; rows are kept only where their
replayed day is not already covered by an earlier copy. The output goes to a temp folder, never the
repository. Usage: replay_year.py <shared/data/real> <out-folder>
"""
import csv, os, sys
from datetime import datetime, timedelta

SHIFT_WEEKS = [0, 17, 34, 51]
FILES = [
    ("caiso_production_curtailment_5min/caiso_curtailment_5min_2021-01_2021-04.csv", "curtailment"),
    ("caiso_outlook_5min/caiso_outlook_fuelmix_demand_5min_2021-01_2021-04.csv", "outlook"),
    ("caiso_dayahead_forecast_hourly/caiso_dam_solar_wind_forecast_hourly_2021-01_2021-04.csv", "dayahead"),
]
FIRST = datetime(2021, 1, 1, 8)  # 2021-01-01 00:00 PST in UTC
SOURCE_DAYS = 119                # Jan 1 .. Apr 29 of each copy


def shift(value, days):
    if not value or "T" not in value:
        return value
    return (datetime.fromisoformat(value) + timedelta(days=days)).isoformat()


def main(real, out):
    os.makedirs(out, exist_ok=True)
    for rel, name in FILES:
        with open(os.path.join(real, rel), newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        start_col = header.index("interval_start_utc")
        instant_cols = [i for i, h in enumerate(header) if h.endswith("_utc") or h.endswith("_local")]
        date_col = header.index("date_local") if "date_local" in header else None
        with open(os.path.join(out, f"{name}_replayed_2021.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            for k, weeks in enumerate(SHIFT_WEEKS):
                days = weeks * 7
                for row in body:
                    start = datetime.fromisoformat(row[start_col]).replace(tzinfo=None)
                    offset_days = (start - FIRST).total_seconds() / 86400
                    if k > 0 and not (0 <= offset_days < SOURCE_DAYS):
                        continue
                    new = list(row)
                    for i in instant_cols:
                        new[i] = shift(row[i], days)
                    if date_col is not None and row[date_col]:
                        new[date_col] = (datetime.fromisoformat(row[date_col]) + timedelta(days=days)).date().isoformat()
                    w.writerow(new)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
