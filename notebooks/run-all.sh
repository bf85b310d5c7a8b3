#!/usr/bin/env bash
# Runs every notebook headless against the library (as CI does) and keeps the executed copies in
# artifacts/notebooks. A notebook that throws fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
# Notebooks load the library from one folder; a RID-specific publish puts native libraries (SQLite,
# Skia, FastTree) beside the assemblies, where the notebook kernel finds them.
dotnet publish src/Curtailment.Pipelines -c Release -r linux-x64 --self-contained false -o artifacts/notebook-lib -v quiet -nologo
# The built host too: 03-call-the-api starts it as a child process (dotnet Curtailment.Host.dll) over a demo store.
dotnet publish src/Curtailment.Host -c Release -r linux-x64 --self-contained false -o artifacts/notebook-lib -v quiet -nologo
dotnet tool restore
mkdir -p artifacts/notebooks
for notebook in notebooks/*.ipynb; do
  name=$(basename "$notebook")
  echo "running $name"
  (cd notebooks && dotnet repl --run "$name" --exit-after-run --output-path "../artifacts/notebooks/$name" > "../artifacts/notebooks/${name%.ipynb}.log" 2>&1) \
    || { echo "notebook $name failed:"; tail -50 "artifacts/notebooks/${name%.ipynb}.log"; exit 1; }
  python3 - "artifacts/notebooks/$name" <<'PY'
import json, sys
notebook = json.load(open(sys.argv[1]))
errors = [o for c in notebook["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
images = sum(json.dumps(o).count("data:image/png;base64") for c in notebook["cells"] for o in c.get("outputs", []))
if errors:
    sys.exit(f"{sys.argv[1]}: {errors[0].get('evalue', '')[:500]}")
print(f"{sys.argv[1]}: {len(notebook['cells'])} cells, {images} plots, no errors")
PY
done
