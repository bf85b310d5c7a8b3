#!/usr/bin/env bash
# Load benchmark of the host (issue 5): wrk on loopback, 32 connections, 60 s per endpoint.
set -euo pipefail
cd "${1:-.}"   # repository root (default: the current folder)
rm -rf /tmp/loadtest && mkdir -p /tmp/loadtest
dotnet build -c Release src/Curtailment.Host -v quiet -nologo > /dev/null
export Curtailment__Storage__ConnectionString="Data Source=/tmp/loadtest/load.db"
export Curtailment__Startup__DemoFolder=/tmp/loadtest/demo
export Curtailment__Api__RateLimitPermits=1000000 Curtailment__Api__RateLimitWindowSeconds=1
export Logging__LogLevel__Default=Warning
(cd src/Curtailment.Host && exec dotnet bin/Release/net10.0/Curtailment.Host.dll --urls http://127.0.0.1:5090) > /tmp/loadtest/host.log 2>&1 &
HOST_PID=$!
for i in $(seq 1 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:5090/health/ready)" = "200" ] && break; sleep 3
done
echo "ready after ~$((i*3)) s"
FROM=$(date -u -d 'tomorrow 00:00' +%Y-%m-%dT%H:%M:%SZ); TO=$(date -u -d 'tomorrow 23:55' +%Y-%m-%dT%H:%M:%SZ)
DEADLINE=$(date -u -d '+47 hours' +%Y-%m-%dT%H:%M:%SZ)
curl -s -o /dev/null -w "forecast %{http_code}\n" "http://127.0.0.1:5090/api/v1/regions/CAISO/forecast?from=$FROM&to=$TO"
curl -s -o /dev/null -w "best-window %{http_code}\n" "http://127.0.0.1:5090/api/v1/best-window?regions=CAISO,SPP,ERCOT&duration=PT3H&deadline=$DEADLINE&top=3"
for url in "http://127.0.0.1:5090/health/live" "http://127.0.0.1:5090/api/v1/regions/CAISO/forecast?from=$FROM&to=$TO" "http://127.0.0.1:5090/api/v1/best-window?regions=CAISO,SPP,ERCOT&duration=PT3H&deadline=$DEADLINE&top=3"; do
  echo "== $url (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t2 -c32 -d60s --latency "$url" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx|Socket errors|requests in"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "peak RSS (VmHWM, whole run including the first-run start-up): $(grep VmHWM /proc/$HOST_PID/status)"
echo "RSS now (VmRSS, serving): $(grep VmRSS /proc/$HOST_PID/status)"
kill $HOST_PID
