#!/usr/bin/env bash
# KS discovery from noisy observations (spec §10.5 and check G3 with NOISE_MAG 0.01; 10 samples, BETA 10 000), as a
# table against ensemble size: ratio 0 (no DA: the noisy observations are the states), the first MEDIDA paper's
# one-shot KS-reference EnKF at N = 1024 and 10 240 (ratios 1 and 10), and the cycled LETKF (truth-model background,
# an analysis every model step) at N = 8, 16, 32, 64, all 18 cases, with and without the regression filter 0.04 (the 10 240-member one-shot without it on cases 1 and 7 only).
# Writes bench/results/ks-noisy/*.md (one table per configuration) and bench/results/ks-noisy-discovery.md (summary).
# Usage: bash bench/ks-noisy-discovery.sh [--quick]   (quick: LETKF N = 16 and one-shot N = 1024 only, ≈ 6 min;
#        the full table ≈ 75 min on 2 cores, 45 of them the 10 240-member one-shot)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Bench.csproj -c Release -v q -nologo >/dev/null
out=bench/results/ks-noisy
mkdir -p "$out"
run() { local name=$1; shift
  dotnet bench/bin/Release/net10.0/Bench.dll ks-discovery --samples 10 --reference --noise 0.01 --pass-tolerance 0.1 "$@" --out "$out/$name.md" >/dev/null; }
spec=1,2,3,4,5,6,7,8,9,10,11,12
if [[ "${1:-}" == "--quick" ]]; then
  run letkf-16 --analysis letkf --filter-members 16 --regression-filter 0,0.04
  run one-shot-1024 --members 1024 --cases $spec --regression-filter 0.04
  labels=(letkf-16=letkf-16.md one-shot-1024=one-shot-1024.md)
else
  run no-da-0 --members 0 --cases $spec --regression-filter 0,0.04
  for n in 8 16 32 64; do run letkf-$n --analysis letkf --filter-members $n --regression-filter 0,0.04; done
  run letkf-sparse4-20 --analysis letkf --filter-members 20 --observe-every 4 --regression-filter 0.04
  run one-shot-1024 --members 1024 --cases $spec --regression-filter 0.04
  run one-shot-etkf-64 --members 64 --one-shot etkf --cases $spec --regression-filter 0,0.04
  run one-shot-letkf-64 --members 64 --one-shot letkf --cases $spec --regression-filter 0,0.04
  run one-shot-10240 --members 10240 --cases $spec --regression-filter 0.04
  run one-shot-10240-f0 --members 10240 --cases 1,7
  labels=(no-da-0=no-da-0.md letkf-8=letkf-8.md letkf-16=letkf-16.md letkf-32=letkf-32.md letkf-64=letkf-64.md
          letkf-every4th-20=letkf-sparse4-20.md one-shot-1024=one-shot-1024.md one-shot-etkf-64=one-shot-etkf-64.md one-shot-letkf-64=one-shot-letkf-64.md one-shot-10240=one-shot-10240.md one-shot-10240=one-shot-10240-f0.md)
fi
{
  echo "# KS discovery from observations with 1 % noise: support and coefficients against ensemble size"
  echo
  echo "Command: \`bash bench/ks-noisy-discovery.sh\`; the per-case tables are in \`bench/results/ks-noisy/\`."
  echo
  python3 bench/ks_noisy_summary.py "$out" "${labels[@]}"
} > bench/results/ks-noisy-discovery.md
cat bench/results/ks-noisy-discovery.md
