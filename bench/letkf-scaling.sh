#!/usr/bin/env bash
# LETKF time per cycle against ensemble size N (8, 16, 32) and threads (1, 2), from the summary lines of
# `medida assimilate` ("wall time … ms/cycle", "forecast … member-steps/s"); one run each, printed as a Markdown table.
# Usage: bash bench/letkf-scaling.sh [KS_CYCLES (2000)]   — writes nothing; redirect into bench/results/letkf-scaling.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ks_cycles=${1:-2000}
dotnet build Cli/Cli.csproj -c Release -v q -nologo >/dev/null
out=$(mktemp -d)
medida="dotnet Cli/bin/Release/net10.0/medida.dll"
echo "| preset | cycles | N | threads | wall time (s) | ms/cycle | forecast (s) | member-steps/s | rmse_a |"
echo "|---|---|---|---|---|---|---|---|---|"
for preset in ks-bocquet2019 l96-sakov2008; do
  cycles_opt=""; cycles="preset (1001)"
  if [ "$preset" = ks-bocquet2019 ]; then cycles_opt="--cycles $ks_cycles --burn-in $((ks_cycles / 4))"; cycles=$ks_cycles; fi
  for n in 8 16 32; do
    for t in 1 2; do
      s=$($medida assimilate --preset $preset --method letkf --members $n --threads $t $cycles_opt --no-charts --quiet --output "$out/run.json")
      wall=$(sed -n 's/^wall time *: \([0-9.]*\) s (\([0-9.]*\) ms\/cycle).*/\1 | \2/p' <<<"$s")
      fc=$(sed -n 's/^forecast *: \([0-9.]*\) s, \([0-9]*\) member-steps\/s.*/\1 | \2/p' <<<"$s")
      rmse=$(sed -n 's/^rmse_a *: \([0-9.]*\).*/\1/p' <<<"$s")
      echo "| $preset | $cycles | $n | $t | $wall | $fc | $rmse |"
    done
  done
done
