#!/usr/bin/env bash
# Training scale-out benchmark (issue 7): the four regions retrained by one worker process, then by two, sharing
# PostgreSQL through Hangfire.PostgreSql. Wall clock from the retrain-all trigger to the fourth retrain job Succeeded,
# read from Hangfire's own state table.
#
#   export CURTAILMENT_TEST_POSTGRES="$(bash .ci/postgres.sh)"
#   tools/scaleout_train.sh [repository root]
#
# Environment (all optional):
#   PROCESSES   worker process counts to compare, in order (default "1 2"); each takes the train and default queues
#   RUNS        timed runs per block (default 2); a block is one set of long-lived worker processes
#   ROUNDS      blocks per count, alternating counts 1,2,1,2,... so that drifting machine load hits both alike (default 2)
#   THREADS     Curtailment__Model__Threads: FastTree threads per retrain job (default empty: all cores)
#   DEMO_DAYS   days of SYNTHETIC demo data loaded once by an api process (default 60, the host's default)
#   SPIN_LIMIT  DOTNET_ThreadPool_UnfairSemaphoreSpinLimit of the worker processes (default "default": the runtime's own;
#               0 makes idle thread-pool threads block at once, see docs/deployment.md)
# Prints one line per run and a summary; logs and a CSV are in /tmp/scaleout-train.
set -euo pipefail
cd "${1:-.}"
: "${CURTAILMENT_TEST_POSTGRES:?set it: export CURTAILMENT_TEST_POSTGRES=\"\$(bash .ci/postgres.sh)\"}"
PROCESSES="${PROCESSES:-1 2}"
RUNS="${RUNS:-2}"
ROUNDS="${ROUNDS:-2}"
THREADS="${THREADS:-}"
DEMO_DAYS="${DEMO_DAYS:-60}"
SPIN_LIMIT="${SPIN_LIMIT:-default}"
OUT=/tmp/scaleout-train
KEY=scale-out-bench-admin-key-0123456789
NEVER="0 0 31 2 *"

kv() { tr ';' '\n' <<<"$CURTAILMENT_TEST_POSTGRES" | sed -n "s/^$1=//Ip" | head -n 1; }
export PGHOST="$(kv Host)" PGPORT="$(kv Port)" PGUSER="$(kv Username)" PGPASSWORD="$(kv Password)"
DB=curtailment_scaleout_bench
sql() { psql -d "$DB" -v ON_ERROR_STOP=1 -qtA -c "$1"; }

rm -rf "$OUT" && mkdir -p "$OUT"
dotnet build -c Release src/Curtailment.Host -v quiet -nologo >/dev/null
HOST="$PWD/src/Curtailment.Host/bin/Release/net10.0/Curtailment.Host.dll"

psql -d postgres -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export ASPNETCORE_ENVIRONMENT=Production
export Curtailment__Storage__Provider=Postgres
export Curtailment__Storage__ConnectionString="${CURTAILMENT_TEST_POSTGRES/Database=$(kv Database)/Database=$DB}"
export Curtailment__Api__Keys__0=$KEY
export Curtailment__Startup__DemoFolder="$OUT/demo" Curtailment__Startup__DemoDays="$DEMO_DAYS"
export Curtailment__Startup__TrainMissingModels=false Curtailment__Startup__IssueForecasts=false
export Curtailment__Jobs__WorkerCount=1 Curtailment__Jobs__QueuePollIntervalSeconds=1
export Curtailment__Jobs__RetrainCron="$NEVER" Curtailment__Jobs__ForecastCron="$NEVER" Curtailment__Jobs__CleanupCron="$NEVER"
export Curtailment__Host__Queues__0=train Curtailment__Host__Queues__1=default
export Logging__LogLevel__Default=Warning
if [ -n "$THREADS" ]; then export Curtailment__Model__Threads="$THREADS"; fi

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start() { # name role port [extra env...]
  local name=$1 role=$2 port=$3; shift 3
  env "$@" Curtailment__Host__ServerName="$name" dotnet "$HOST" --urls "http://127.0.0.1:$port" --role "$role" >"$OUT/$name.log" 2>&1 &
  PIDS+=($!)
  LAST_PID=$!
}
ready() { # port
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health/ready")" = "200" ] && return 0; sleep 1
  done
  echo "not ready: port $1" >&2; return 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# The api process loads the demo data once (the store is empty) and serves the trigger; it runs no jobs.
start api api 5190 Curtailment__Startup__LoadDemoData=true
ready 5190
echo "demo data: $(sql "SELECT count(*) FROM observation") observations, $(sql "SELECT count(DISTINCT region) FROM series_key") regions"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); FastTree threads per job: ${THREADS:-all cores}; worker spin limit: $SPIN_LIMIT"
echo "processes,run,seconds,cpu_seconds_workers,load_before" >"$OUT/runs.csv"

export Curtailment__Startup__LoadDemoData=false
# One timed run: the four retrains from the trigger to the fourth Succeeded. Models are kept between runs, as in a
# weekly retrain: each candidate is gated against the active model, and the fan-out orders the regions by the
# training time their newest model recorded (longest first).
retrain_all() { # label (n), run, pids...
  local n=$1 run=$2; shift 2
  local workers=("$@") load ticks0=0 ticks1=0 t0 filter retrains done_count failed seconds cpu per_job
  load=$(cut -d' ' -f1 /proc/loadavg)
  for p in "${workers[@]}"; do ticks0=$((ticks0 + $(cpu_ticks "$p"))); done
  t0=$(sql "SELECT extract(epoch FROM now())")
  curl -sf -o /dev/null -X POST -H "X-Api-Key: $KEY" http://127.0.0.1:5190/api/v1/jobs/retrain-all/trigger
  filter="j.invocationdata::text LIKE '%RetrainJob,%' AND j.createdat >= to_timestamp($t0)"
  retrains="FROM hangfire.job j WHERE $filter"
  # Wait inside PostgreSQL: polling with a psql process (a Perl wrapper on Debian) five times a second took CPU
  # from the workers, and more of it with two workers on two cores than with one.
  sql "DO \$\$ BEGIN
         FOR i IN 1..36000 LOOP
           EXIT WHEN (SELECT count(*) $retrains AND j.statename IN ('Succeeded', 'Failed')) >= 4
                  OR EXISTS (SELECT 1 $retrains AND j.statename = 'Failed');
           PERFORM pg_sleep(0.1);
         END LOOP;
       END \$\$"
  failed=$(sql "SELECT count(*) $retrains AND j.statename = 'Failed'")
  done_count=$(sql "SELECT count(*) $retrains AND j.statename = 'Succeeded'")
  [ "$failed" = "0" ] || { echo "a retrain job failed; see $OUT/worker-*.log" >&2; exit 1; }
  [ "$done_count" = "4" ] || { echo "the four retrains did not finish within an hour" >&2; exit 1; }
  for p in "${workers[@]}"; do ticks1=$((ticks1 + $(cpu_ticks "$p"))); done
  seconds=$(sql "SELECT round((extract(epoch FROM max(s.createdat)) - $t0)::numeric, 2) FROM hangfire.state s WHERE s.name = 'Succeeded' AND s.jobid IN (SELECT j.id $retrains)")
  cpu=$(awk -v t="$((ticks1 - ticks0))" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }')
  per_job=$(sql "SELECT string_agg(r || ' ' || d || ' s on ' || w, ', ' ORDER BY r) FROM (
      SELECT (j.arguments::json->>0)::json#>>'{}' AS r,
             round(extract(epoch FROM max(s.createdat) FILTER (WHERE s.name = 'Succeeded') - max(s.createdat) FILTER (WHERE s.name = 'Processing'))::numeric, 1) AS d,
             split_part((array_agg(s.data::json->>'ServerId') FILTER (WHERE s.name = 'Processing'))[1], ':', 1) AS w
      FROM hangfire.job j JOIN hangfire.state s ON s.jobid = j.id WHERE $filter GROUP BY j.id, j.arguments) t")
  echo "$n worker process(es), run $run: ${seconds} s trigger to fourth Succeeded; worker CPU ${cpu} s; load before ${load}; ${per_job}"
  [ "$run" = "warm-up" ] || echo "$n,$run,$seconds,$cpu,$load" >>"$OUT/runs.csv"
}

# Blocks of RUNS timed runs per process count, alternating counts ROUNDS times. The workers of a block live through
# it, as deployed workers do: the block's first run (untimed) only warms them up (JIT, connection pools).
for round in $(seq 1 "$ROUNDS"); do
  for n in $PROCESSES; do
    workers=()
    for i in $(seq 1 "$n"); do
      if [ "$SPIN_LIMIT" = "default" ]; then start "worker-$i" worker $((5190 + i))
      else start "worker-$i" worker $((5190 + i)) DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="$SPIN_LIMIT"; fi
      workers+=("$LAST_PID")
    done
    for i in $(seq 1 "$n"); do ready $((5190 + i)); done
    retrain_all "$n" warm-up "${workers[@]}"
    for run in $(seq 1 "$RUNS"); do retrain_all "$n" "$round.$run" "${workers[@]}"; done
    for p in "${workers[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done
  done
done

echo "summary (mean and min seconds per process count):"
awk -F, 'NR > 1 { s[$1] += $3; c[$1]++; if (!($1 in m) || $3 < m[$1]) m[$1] = $3 } END { for (k in s) printf "  %s process(es): mean %.2f s, min %.2f s over %d runs\n", k, s[k] / c[k], m[k], c[k] }' "$OUT/runs.csv" | sort
