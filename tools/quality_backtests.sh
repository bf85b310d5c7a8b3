#!/usr/bin/env bash
# CAISO forecast quality on every development range, each scored by ../shared/eval/score.py, in one table:
# 2018 (hourly reports, a whole year; drivers: EIA-930 demand), January-May 2017 (hourly reports) and
# March-April 2021 (5-minute, with the day-ahead drivers). One SQLite store holds every CAISO file, imported in
# place through `curtail ingest` (never copied), so each range's model may use all the history before it.
#   bash tools/quality_backtests.sh [OUT]        (default OUT: /tmp/quality-backtests; ~20-40 min on 2 cores)
# RANGES="2018 2021" limits the run; ABLATION=no_ssa,all_rows adds `--ablation --ablation-variants ...`;
# DB=/path/caiso.db reuses a store built by an earlier run (the import takes a few minutes); NO_BUILD=1 runs the
# build already copied to OUT/cli.
# Model settings come from the environment like the host's (e.g. Curtailment__Model__SeasonalShare=1).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-/tmp/quality-backtests}"
REAL=../shared/data/real
SCORE=../shared/eval/score.py
RANGES="${RANGES:-2018 2017 2021}"
DB="${DB:-$OUT/caiso.db}"
mkdir -p "$OUT"
# A private copy of the build, so a rebuild while this runs cannot swap assemblies under it
# (NO_BUILD=1 runs the copy already in OUT/cli, e.g. another commit's build).
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build -c Release src/Curtailment.Cli -v quiet -nologo
  rm -rf "$OUT/cli" && cp -r src/Curtailment.Cli/bin/Release/net10.0 "$OUT/cli"
fi
C="dotnet $OUT/cli/curtail.dll"

ingest() { # source file... (extra options before --file go in INGEST_OPTIONS)
  local source=$1; shift
  $C ingest --db "$DB" --source "$source" ${INGEST_OPTIONS:-} --file "$@" > /dev/null
}

REPORTS_2016="$REAL/caiso_curtailment_hourly_by_type_2016_2017/caiso_curtailment_hourly_by_type_2016-06-30_2017-05-10.csv"
REPORTS_2018="$REAL/caiso_curtailment_hourly_by_type_2017_2018/caiso_curtailment_hourly_by_type_2017-05-11_2018-12-31.csv"
FIVE_MINUTE="$REAL/caiso_production_curtailment_5min/caiso_curtailment_5min_2021-01_2021-04.csv"
if [ ! -f "$DB" ]; then
  SECONDS=0
  ingest caiso-production "$FIVE_MINUTE"
  ingest caiso-outlook "$REAL/caiso_outlook_5min/caiso_outlook_fuelmix_demand_5min_2020.csv" \
    "$REAL/caiso_outlook_5min/caiso_outlook_fuelmix_demand_5min_2021-01_2021-04.csv"
  INGEST_OPTIONS="--region CAISO --published dayahead@10:00" ingest tidy "$REAL/caiso_dayahead_forecast_hourly"
  ingest caiso-curtailment-report "$REPORTS_2016" "$REPORTS_2018"
  ingest eia930 "$REAL/eia930_demand/eia930_demand_CISO_hourly.csv"
  INGEST_OPTIONS="--region CAISO --published realtime+PT1H" ingest tidy "$REAL/eia930_generation_by_fuel"
  echo "import: $SECONDS s wall"
fi

run() { # name from to actuals score-options...
  local name=$1 from=$2 to=$3 actuals=$4; shift 4
  local dir="$OUT/$name"
  local ablation=()
  [ -n "${ABLATION:-}" ] && ablation=(--ablation --ablation-variants "$ABLATION")
  local ABLATION_LIST="${ABLATION:-}"; ABLATION_LIST="${ABLATION_LIST//,/ }"
  mkdir -p "$dir"
  /usr/bin/time -f "$name backtest: %e s wall, %U s user, %M KB peak" -o "$dir/time.txt" \
    $C backtest --db "$DB" --region CAISO --from "$from" --to "$to" --out "$dir" "${ablation[@]}" > "$dir.log" 2>&1 \
    || { tail -5 "$dir.log"; return 1; }
  local timing; timing="$(cat "$dir/time.txt"); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$timing" | tee "$dir/time.txt"
  python3 "$SCORE" --forecasts "$dir/forecasts.csv" --actuals "$actuals" --from "$from" --to "$to" "$@" --json "$dir/score.json" > /dev/null
  for variant in ${ABLATION_LIST:-}; do
    python3 "$SCORE" --forecasts "$dir/ablation/$variant/forecasts.csv" --actuals "$actuals" --from "$from" --to "$to" "$@" \
      --json "$dir/score-$variant.json" > /dev/null
  done
}

for range in $RANGES; do
  case "$range" in
    2018) run 2018 2018-01-01 2018-12-31 "$REPORTS_2018" --unknown-missing-days ;;
    2017) run 2017 2017-01-01 2017-05-10 "$REPORTS_2016" --unknown-missing-days ;;
    2021) run 2021 2021-03-01 2021-04-30 "$FIVE_MINUTE" ;;
    *) echo "no development range $range (known: 2018 2017 2021)" >&2; exit 2 ;;
  esac
done

# One table: the model (and each ablation variant) and the best baseline of each metric, per range.
python3 - "$OUT" $RANGES <<'EOF'
import json, os, sys
out, ranges = sys.argv[1], sys.argv[2:]
def f(v, p=3): return '-' if v is None or v != v else f'{v:.{p}f}'
print('| range | forecaster | MAE MW | MAE skill | ROC-AUC | PR-AUC | Brier skill | capture | 80% coverage |')
print('|---|---|---:|---:|---:|---:|---:|---:|---:|')
for r in ranges:
    scores = sorted(n for n in os.listdir(os.path.join(out, r)) if n.startswith('score') and n.endswith('.json'))
    for name in scores:
        s = json.load(open(os.path.join(out, r, name)))
        label = 'model' if name == 'score.json' else name[len('score-'):-len('.json')]
        print(f"| {r} | {label} | {f(s['mae_mw'], 1)} | {f(s['mae_skill_vs_best_baseline'])} | {f(s['roc_auc'])} | {f(s['pr_auc'])} "
              f"| {f(s['brier_skill'])} | {f(s['capture_model'])} | {f(s.get('interval_coverage'))} |")
    s = json.load(open(os.path.join(out, r, 'score.json')))
    maes = {'zero': s['mae_zero'], 'week profile': s['mae_week_profile'], 'persistence': s['mae_persistence_d2']}
    mae_name = min(maes, key=maes.get)
    roc = max(('week profile', s['roc_auc_week_profile']), ('climatology', s['roc_auc_climatology']), key=lambda x: x[1])
    pr = max(('week profile', s['pr_auc_week_profile']), ('climatology', s['pr_auc_climatology']), key=lambda x: x[1])
    cap = max(('week profile', s['capture_week_profile']), ('persistence', s['capture_persistence_d2']), key=lambda x: x[1])
    print(f"| {r} | best baseline | {f(maes[mae_name], 1)} ({mae_name}) | 0 | {f(roc[1])} ({roc[0]}) | {f(pr[1])} ({pr[0]}) "
          f"| 0 (climatology) | {f(cap[1])} ({cap[0]}) | - |")
EOF
