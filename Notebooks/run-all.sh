#!/usr/bin/env bash
# Runs the .NET Interactive notebooks in Notebooks/ headless with dotnet-repl and fails if any cell throws.
#
#   bash Notebooks/run-all.sh                       # every Notebooks/*.ipynb
#   bash Notebooks/run-all.sh 02-medida-discovery.ipynb
#
# Steps: checks that the notebooks' `#r "nuget: …"` versions agree with Directory.Packages.props (and the toolkit's own
# packages with the local version of pack-libraries.sh), restores the local tool dotnet-repl (.config/dotnet-tools.json),
# packs the libraries into artifacts/packages and installs them (pack-libraries.sh), then runs each notebook from
# Notebooks/ (the data paths in the notebooks are relative to it) and checks that its executed copy has text/html
# outputs of the Science.Interactive formatters. The executed copies, logs and charts go to $SCIENCE_NOTEBOOK_OUT, or to
# a new temporary folder; the committed notebooks are not modified.
# The last line is "notebooks: N passed, M failed"; the exit code is 0 only when every notebook passed.
#
# Environment: SCIENCE_NOTEBOOK_OUT (output folder), SCIENCE_NOTEBOOK_TIMEOUT (seconds per notebook, default 900).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root" || exit 2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

out="${SCIENCE_NOTEBOOK_OUT:-}"
if [ -z "$out" ]; then out="$(mktemp -d "${TMPDIR:-/tmp}/science-notebooks.XXXXXX")"; fi
mkdir -p "$out" || exit 2
out="$(cd "$out" && pwd)"
# The notebooks write their charts here (they fall back to Notebooks/out/ when run by hand).
export SCIENCE_NOTEBOOK_OUT="$out"
timeout_s="${SCIENCE_NOTEBOOK_TIMEOUT:-900}"
# The fixed version of the locally packed libraries (step 3); the notebooks reference Science.Interactive at it.
local_version="$(sed -n 's/^version="\(.*\)"$/\1/p' "$here/pack-libraries.sh")"

if [ "$#" -gt 0 ]; then
  notebooks=()
  for nb in "$@"; do notebooks+=("$(basename "$nb")"); done
else
  notebooks=()
  for nb in "$here"/*.ipynb; do [ -e "$nb" ] && notebooks+=("$(basename "$nb")"); done
fi
if [ "${#notebooks[@]}" -eq 0 ]; then
  echo "error: no notebooks found in $here" >&2
  echo "notebooks: 0 passed, 0 failed"
  exit 2
fi

fail_setup() {
  echo "error: $1" >&2
  echo "notebooks: 0 passed, ${#notebooks[@]} failed"
  exit 1
}

# 1. The notebooks load the project's NuGet dependencies with `#r "nuget: NAME, VERSION"`; keep them equal to the
#    solution's central versions so that a notebook never runs against other package versions than the tests.
drift=0
for nb in "${notebooks[@]}"; do
  [ -f "$here/$nb" ] || fail_setup "no such notebook: Notebooks/$nb"
  while IFS=, read -r name version; do
    name="$(echo "$name" | tr -d ' ')"; version="$(echo "$version" | tr -d ' ')"
    central="$(sed -n "s/.*<PackageVersion Include=\"$name\" Version=\"\([^\"]*\)\".*/\1/p" Directory.Packages.props | head -n 1)"
    if [ "${name#Science.}" != "$name" ] && [ "$version" != "$local_version" ]; then
      echo "error: Notebooks/$nb loads $name $version but run-all.sh packs the libraries as $local_version" >&2
      drift=1
    elif [ -n "$central" ] && [ "$central" != "$version" ]; then
      echo "error: Notebooks/$nb loads $name $version but Directory.Packages.props pins $central" >&2
      drift=1
    fi
  done < <(grep -o 'nuget: *[A-Za-z0-9_.-]*, *[0-9][0-9A-Za-z.+-]*' "$here/$nb" | sed 's/^nuget: *//')
done
[ "$drift" -eq 0 ] || fail_setup "update the #r \"nuget: …\" lines of the notebooks to Directory.Packages.props (the toolkit's own packages to $local_version)"

# 2. The notebook runner, pinned in the tool manifest.
echo "== dotnet tool restore"
dotnet tool restore >"$out/tool-restore.log" 2>&1 || { cat "$out/tool-restore.log" >&2; fail_setup "dotnet tool restore failed"; }

# 3. The libraries as local NuGet packages (Notebooks/pack-libraries.sh: dotnet pack Science.sln into artifacts/packages
#    at the fixed version $local_version, installed into NuGet's global packages folder): the notebooks' first cell is
#    `#r "nuget: Science.Interactive, 0.1.0-local"`, and Science.Interactive depends on the other libraries.
echo "== bash Notebooks/pack-libraries.sh (dotnet pack Science.sln -c Release -o artifacts/packages, version $local_version)"
build_start=$SECONDS
if ! bash "$here/pack-libraries.sh" >"$out/build.log" 2>&1; then
  tail -n 40 "$out/build.log" >&2
  fail_setup "packing the libraries failed (log: $out/build.log)"
fi
echo "   $(tail -n 1 "$out/build.log") in $((SECONDS - build_start)) s"

# Every notebook that loads Science.Interactive shows at least one object through its formatters, so its executed copy
# must have a text/html output with their markup (a table or a chart block). Parsed with python3's json module; prints the problem
# or nothing. Without python3 the check cannot run, which fails the notebook rather than passing it unchecked.
formatted_html_count() {
  python3 - "$1" <<'PY' 2>/dev/null || echo "?"
import json, sys
markup = ('<table style="border-collapse:collapse;margin:4px 0">', 'class="science-chart"')
cells = json.load(open(sys.argv[1], encoding="utf-8")).get("cells", [])
html = ["".join(v) if isinstance(v, list) else v
        for c in cells for o in c.get("outputs", []) for k, v in o.get("data", {}).items() if k == "text/html"]
print(sum(1 for h in html if any(m in h for m in markup)))
PY
}
formatted_html_problem() {
  command -v python3 >/dev/null 2>&1 || { echo "python3 is missing: cannot check the text/html outputs"; return; }
  local n
  n="$(formatted_html_count "$1")"
  case "$n" in
    ''|'?') echo "the executed copy is not valid notebook JSON" ;;
    0) echo "no text/html output of the Science.Interactive formatters" ;;
  esac
}

# 4. Run every notebook from Notebooks/.
passed=0
failed=0
failures=()
for nb in "${notebooks[@]}"; do
  name="${nb%.ipynb}"
  executed="$out/$name.ipynb"
  log="$out/$name.log"
  echo "== $nb"
  start=$SECONDS
  (cd "$here" && timeout "$timeout_s" dotnet repl --run "$nb" --exit-after-run --output-format ipynb \
      --output-path "$executed" </dev/null >"$log" 2>&1)
  status=$?
  elapsed=$((SECONDS - start))
  # dotnet-repl exits non-zero when a cell fails; also look for error outputs in the executed copy.
  # Only a notebook that loads Science.Interactive can show formatted objects (one written before the one-line
  # loading, with `#r` of the build output, is run as it is).
  html_problem=""
  uses_formatters=0
  grep -q 'nuget: *Science\.Interactive' "$here/$nb" && uses_formatters=1
  if [ "$status" -eq 0 ] && [ -s "$executed" ] && [ "$uses_formatters" -eq 1 ]; then html_problem="$(formatted_html_problem "$executed")"; fi
  if [ "$status" -eq 0 ] && [ -s "$executed" ] && ! grep -q '"output_type": *"error"' "$executed" && [ -z "$html_problem" ]; then
    passed=$((passed + 1))
    echo "   passed in ${elapsed} s ($(du -k "$executed" | cut -f1) KB, $(formatted_html_count "$executed") formatted outputs) -> $executed"
  else
    failed=$((failed + 1))
    failures+=("$nb")
    if [ "$status" -eq 124 ]; then why="timed out after ${timeout_s} s"; elif [ -n "$html_problem" ]; then why="$html_problem"; else why="exit code $status"; fi
    echo "   FAILED ($why) after ${elapsed} s; executed copy: $executed, log: $log"
    if [ -s "$executed" ]; then
      # The failing cells' errors ("ename"/"evalue" of the error outputs), as stored in the executed copy.
      grep -o '"evalue": *"\([^"\\]\|\\.\)*' "$executed" | sed 's/"evalue": *"/error: /' | cut -c1-1500 \
        | sed 's/\\n/\n/g; s/\\"/"/g' | sed 's/^/   /'
    fi
    tail -n 20 "$log" | sed 's/^/   | /'
  fi
done

echo "executed notebooks, logs and charts: $out"
[ "$failed" -eq 0 ] || echo "failed: ${failures[*]}"
echo "notebooks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
