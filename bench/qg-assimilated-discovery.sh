#!/usr/bin/env bash
# MEDIDA from noisy, sparse QG observations through assimilated increments (issue: discovery from noisy sparse
# observations): for each case × sensor ratio × noise × ensemble size, `medida discover --analysis letkf` on the shipped
# state, and one Markdown table of verdict, max coefficient error, filter RMSE and wall time.
#
#   bash bench/qg-assimilated-discovery.sh [OUT.md]          # the full table (about 20–40 min on 2 cores)
#   QUICK=1 bash bench/qg-assimilated-discovery.sh OUT.md    # cases 1001 and 1004 at SR 0.25, 1 % noise, N = 20 only
#
# Environment: CASES, RATIOS, NOISES, MEMBERS (space-separated lists), SNAPSHOTS (10), EVERY (40 steps), MEDIDA_BIN.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-bench/results/qg-assimilated-discovery.md}"
cases="${CASES:-1001 1004}"
ratios="${RATIOS:-0.25 0.1}"
noises="${NOISES:-0.001 0.01 0.1}"
members="${MEMBERS:-20 40}"
if [ "${QUICK:-0}" = 1 ]; then ratios=0.25; noises=0.01; members=20; fi
snapshots="${SNAPSHOTS:-10}"
every="${EVERY:-40}"
# MEDIDA_BIN: a copy of Cli/bin/Release/net10.0 to run from (so that rebuilding the repository during a long table
# does not replace the assemblies under a running process); default: build and run the repository's.
if [ -n "${MEDIDA_BIN:-}" ]; then
  medida="dotnet $MEDIDA_BIN/medida.dll"
else
  dotnet build Cli/Cli.csproj -c Release -v q -nologo > /dev/null
  medida="dotnet Cli/bin/Release/net10.0/medida.dll"
fi
work="$(mktemp -d)"
rows="$work/rows.tsv"
: > "$rows"
for c in $cases; do for r in $ratios; do for z in $noises; do for n in $members; do
  name="c$c-sr$r-z$z-n$n"
  start=$(date +%s%N)
  $medida discover --state data/qg_spunup.h5 --case "$c" --sensors "$r" --noise "$z" --analysis letkf --members "$n" \
    --snapshots "$snapshots" --every "$every" --output "$work/$name/report.json" --no-charts --quiet > "$work/$name.log" 2>&1 || true
  end=$(date +%s%N)
  python3 - "$work/$name/report.json" "$c" "$r" "$z" "$n" "$(( (end - start) / 1000000 ))e-3" >> "$rows" <<'PY'
import json, sys, re
path, c, r, z, n, wall = sys.argv[1:]
try:
    d = json.load(open(path))
except Exception:
    print(f"{c}\t{r}\t{z}\t{n}\tfailed\t\t\t{float(wall):.0f}"); sys.exit()
err = max(L.get("max_relative_error") or float("nan") for L in d["layers"])
spurious = sorted({t for L in d["layers"] for t in L.get("spurious", [])})
missing = sorted({t for L in d["layers"] for t in L.get("missing", [])})
note = next((x for x in d.get("notes", []) if x.startswith("states from")), "")
m = re.search(r"analysis RMSE of ψ ([0-9.eE+-]+) / ([0-9.eE+-]+)", note)
rmse = f"{float(m.group(1)):.2g} / {float(m.group(2)):.2g}" if m else ""
extra = ("spurious " + ", ".join(spurious) if spurious else "") + ("; missing " + ", ".join(missing) if missing else "")
print(f"{c}\t{r}\t{z}\t{n}\t{d['verdict']}\t{100*err:.2f} %\t{rmse}\t{float(wall):.0f}\t{extra}")
PY
  tail -n 1 "$rows" >&2
done; done; done; done
{
  echo "# MEDIDA through assimilated increments (QG, LETKF)"
  echo
  echo "Command: \`bash bench/qg-assimilated-discovery.sh\` ($(date -u +%F), $(nproc) cores). Each row: \`medida discover --state data/qg_spunup.h5"
  echo "--case C --sensors SR --noise Z --analysis letkf --members N --snapshots $snapshots --every $every\` (defaults otherwise: inflation 1.07,"
  echo "localisation 6 Δx, analyses every 10 steps, 30 spin-up cycles, truth background, regression filter 0.08, ε = 0.05)."
  echo "The noise is σ relative to each layer's ψ std; rmse_a is the filter's time-mean analysis RMSE of ψ (layers 1 / 2)."
  echo
  echo "| case | SR | noise | N | verdict | max coef. error | rmse_a (ψ1 / ψ2) | wall (s) | terms |"
  echo "|---|---|---|---|---|---|---|---|---|"
  while IFS=$'\t' read -r c r z n v e rm w x; do echo "| $c | $r | $z | $n | $v | $e | $rm | $w | $x |"; done < "$rows"
} > "$out"
echo "wrote $out"
