#!/usr/bin/env bash
# Backtests of the regions with real targets beyond CAISO (SA1, Germany's four TSOs, GB-SCOTLAND) on their
# development ranges, each scored by ../shared/eval/score.py: one command for the per-region tables of
# docs/benchmarks.md. The real files are imported in place through `curtail ingest` (never copied).
#   bash tools/region_backtests.sh [OUT]        (default OUT: /tmp/region-backtests; ~30-60 min on 2 cores)
# REGIONS="SA1 GB-SCOTLAND" limits the run; ABLATION=no_transmission adds `--ablation --ablation-variants ...`.
# SA1 has three development ranges, each its own key (output folder): SA1 (January-June 2024), SA1-2023H2 and
# SA1-2022H2 (July-December, the season the blind months fall in); REGIONS="SA1 SA1-2023H2 SA1-2022H2" runs all three.
# Each German TSO has 2024 (DE-TENNET, ...) and 2023 (DE-TENNET-2023, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-/tmp/region-backtests}"
REAL=../shared/data/real
SCORE=../shared/eval/score.py
REGIONS="${REGIONS:-SA1 DE-TENNET DE-50HERTZ DE-AMPRION DE-TRANSNETBW GB-SCOTLAND}"
mkdir -p "$OUT"
dotnet build -c Release src/Curtailment.Cli -v quiet -nologo
# A private copy of the build, so a rebuild while this runs cannot swap assemblies under it.
rm -rf "$OUT/cli" && cp -r src/Curtailment.Cli/bin/Release/net10.0 "$OUT/cli"
C="dotnet $OUT/cli/curtail.dll"

ingest() { # db source file...
  local db=$1 source=$2; shift 2
  $C ingest --db "$db" --source "$source" --file "$@" > /dev/null
}

# Each store is imported once, and only when a region asked for reads it.
if [[ " $REGIONS" == *" SA1"* && ! -f "$OUT/sa1.db" ]]; then
  ingest "$OUT/sa1.db" aemo "$REAL/aemo_sa1_price_demand_5min/aemo_sa1_price_demand_2014-01_2022-12.csv" \
    "$REAL/aemo_sa1_price_demand_5min/aemo_sa1_price_demand_5min_2023-01_2024-06.csv"
fi
if [[ " $REGIONS" == *" DE-"* && ! -f "$OUT/de.db" ]]; then
  ingest "$OUT/de.db" de-redispatch "$REAL/de_tso_redispatch_hourly/de_tso_redispatch_hourly_2021-10_2024-12.csv"
fi
if [[ " $REGIONS" == *" GB-"* && ! -f "$OUT/gb.db" ]]; then
  ingest "$OUT/gb.db" gb-boa "$REAL/gb_constraints_halfhourly/gb_wind_curtailment_boa_halfhourly_2025-04-01_2025-05-31.csv"
  ingest "$OUT/gb.db" gb-constraints "$REAL/gb_constraints_halfhourly/gb_da_boundary_limits_flows_halfhourly_2019-10_2025-12.csv"
  ingest "$OUT/gb.db" gb-forecasts "$REAL/gb_constraints_halfhourly/gb_wind_demand_forecast_halfhourly_2024-01_2025-12.csv"
fi

run() { # key db from to actuals score-options... (the key is the region id, or <region>-<range> for a second range)
  local key=$1 db=$2 from=$3 to=$4 actuals=$5; shift 5
  local region="${key%%-20*}"
  local dir="$OUT/$key"
  local ablation=()
  [ -n "${ABLATION:-}" ] && ablation=(--ablation --ablation-variants "$ABLATION")
  local ABLATION_LIST="${ABLATION:-}"; ABLATION_LIST="${ABLATION_LIST//,/ }"
  /usr/bin/time -f "$region backtest: %e s wall, %M KB peak" $C backtest --db "$db" --region "$region" --from "$from" --to "$to" \
    --out "$dir" "${ablation[@]}" > "$dir.log" 2>&1 || { tail -5 "$dir.log"; return 1; }
  tail -1 "$dir.log"
  python3 "$SCORE" --forecasts "$dir/forecasts.csv" --actuals "$actuals" --from "$from" --to "$to" "$@" --json "$dir/score.json" > "$dir/score.txt"
  echo "== $key $from..$to"; cat "$dir/score.txt"
  for variant in ${ABLATION_LIST:-}; do
    python3 "$SCORE" --forecasts "$dir/ablation/$variant/forecasts.csv" --actuals "$actuals" --from "$from" --to "$to" "$@" > "$dir/score-$variant.txt"
    echo "-- $key ablation $variant"; cat "$dir/score-$variant.txt"
  done
}

SA1_OLD="$REAL/aemo_sa1_price_demand_5min/aemo_sa1_price_demand_2014-01_2022-12.csv"
SA1_NEW="$REAL/aemo_sa1_price_demand_5min/aemo_sa1_price_demand_5min_2023-01_2024-06.csv"
SA1_SCORE=(--value-column rrp_aud_per_mwh --event-below 0 --tz Australia/Brisbane)
DE="$REAL/de_tso_redispatch_hourly/de_tso_redispatch_hourly_2021-10_2024-12.csv"
for region in $REGIONS; do
  case "$region" in
    SA1) run SA1 "$OUT/sa1.db" 2024-01-01 2024-06-30 "$SA1_NEW" "${SA1_SCORE[@]}" ;;
    SA1-2023H2) run SA1-2023H2 "$OUT/sa1.db" 2023-07-01 2023-12-31 "$SA1_NEW" "${SA1_SCORE[@]}" ;;
    SA1-2022H2) run SA1-2022H2 "$OUT/sa1.db" 2022-07-01 2022-12-31 "$SA1_OLD" "${SA1_SCORE[@]}" ;;
    DE-*) # DE-<TSO> is 2024; DE-<TSO>-2023 the year before (the redispatch files start in October 2021).
      tso="${region%%-20*}"; year=2024; [[ "$region" == *-20* ]] && year="${region##*-}"
      case "$tso" in
        DE-TENNET) column=tennet_de_down_mw threshold=2000 ;;
        DE-50HERTZ) column=50hertz_down_mw threshold=1250 ;;
        DE-AMPRION) column=amprion_down_mw threshold=200 ;;
        DE-TRANSNETBW) column=transnetbw_down_mw threshold=50 ;;
        *) echo "no development range for $region" >&2; exit 2 ;;
      esac
      run "$region" "$OUT/de.db" "$year-01-01" "$year-12-31" "$DE" --value-column "$column" --tz Europe/Berlin --threshold "$threshold" ;;
    GB-SCOTLAND) run GB-SCOTLAND "$OUT/gb.db" 2025-05-01 2025-05-31 \
           "$REAL/gb_constraints_halfhourly/gb_wind_curtailment_boa_halfhourly_2025-04-01_2025-05-31.csv" \
           --value-column scotland_curtailed_mwh --tz Europe/London --threshold 2000 ;;
    *) echo "no development range for $region" >&2; exit 2 ;;
  esac
done
