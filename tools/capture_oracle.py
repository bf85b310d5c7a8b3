#!/usr/bin/env python3
"""Capture headroom: score.py's capture for a forecast and for an oracle that knows each day's actual shape at the
forecast's level (predicted_mw = the day's actuals scaled to the forecast's daily energy; a day the forecast puts
at zero stays zero). Capture only ranks intervals within a day, so the oracle reaches 1 on every day the forecast
gives some curtailment; what it misses is the days the forecast calls flat.

  python3 tools/capture_oracle.py --forecasts F.csv --actuals A.csv --from D0 --to D1 [--unknown-missing-days]

Prints one JSON line: capture_model, capture_oracle, capture_week_profile, capture_days and flat_days_with_curtailment
(days in range with some actual curtailment that the forecast puts at zero).
Standard library only; the scoring itself is ../shared/eval/score.py's.
"""
import argparse, csv, json, os, subprocess, sys, tempfile
from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo


def parse_ts(s):
    return datetime.fromisoformat(s.strip().replace('Z', '+00:00'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--forecasts', required=True)
    ap.add_argument('--actuals', required=True)
    ap.add_argument('--from', dest='d0', required=True)
    ap.add_argument('--to', dest='d1', required=True)
    ap.add_argument('--unknown-missing-days', action='store_true')
    ap.add_argument('--tz', default='America/Los_Angeles')
    ap.add_argument('--score', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'eval', 'score.py'))
    a = ap.parse_args()
    tz = ZoneInfo(a.tz)

    actual = defaultdict(float)
    with open(a.actuals, newline='') as f:
        rd = csv.DictReader(f)
        col = 'total_curtailment_mw' if 'total_curtailment_mw' in rd.fieldnames else 'curtailed_mwh'
        for r in rd:
            v = r[col].strip()
            actual[parse_ts(r['interval_start_utc'])] += float(v) if v else 0.0

    with open(a.forecasts, newline='') as f:
        rows = list(csv.DictReader(f))
    day_of = lambda r: parse_ts(r['interval_start_utc']).astimezone(tz).date()
    forecast_total, actual_total = defaultdict(float), defaultdict(float)
    for r in rows:
        d = day_of(r)
        forecast_total[d] += float(r['predicted_mw'] or 0)
        actual_total[d] += actual.get(parse_ts(r['interval_start_utc']), 0.0)

    def score(path):
        cmd = [sys.executable, a.score, '--forecasts', path, '--actuals', a.actuals, '--from', a.d0, '--to', a.d1]
        if a.unknown_missing_days:
            cmd.append('--unknown-missing-days')
        return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)

    with tempfile.TemporaryDirectory() as tmp:
        oracle = os.path.join(tmp, 'oracle.csv')
        with open(oracle, 'w', newline='') as f:
            w = csv.writer(f)
            w.writerow(['interval_start_utc', 'predicted_mw', 'p_event'])
            for r in rows:
                d, t = day_of(r), parse_ts(r['interval_start_utc'])
                level = forecast_total[d] / actual_total[d] if actual_total[d] > 0 else 0.0
                w.writerow([r['interval_start_utc'], actual.get(t, 0.0) * level, r['p_event']])
        model, best = score(a.forecasts), score(oracle)
    d0, d1 = datetime.fromisoformat(a.d0).date(), datetime.fromisoformat(a.d1).date()
    flat = sum(1 for d in forecast_total if d0 <= d <= d1 and forecast_total[d] <= 0 and actual_total[d] > 0)
    print(json.dumps({'capture_model': model['capture_model'], 'capture_oracle': best['capture_model'],
                      'capture_week_profile': model['capture_week_profile'], 'capture_days': model['capture_days'],
                      'flat_days_with_curtailment': flat}))


if __name__ == '__main__':
    main()
