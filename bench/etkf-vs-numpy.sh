#!/usr/bin/env bash
# Side-by-side wall time (whole processes, start-up included) of the L96 ETKF in medida and in NumPy
# (bench/numpy_etkf_l96.py, Debian python3-numpy), interleaved by hyperfine; prints the ratio.
# Usage: bash bench/etkf-vs-numpy.sh [RUNS (5)] [CYCLES (10000)]   — AVX-512 on and off (DOTNET_EnableAVX512F=0).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; cycles=${2:-10000}
dotnet build Cli/Cli.csproj -c Release -v q -nologo >/dev/null
out=$(mktemp -d)
# The same program published ReadyToRun (precompiled; what an installed medida would be): less JIT at start-up.
dotnet publish Cli/Cli.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -v q -nologo -o "$out/r2r" >/dev/null
ours="dotnet Cli/bin/Release/net10.0/medida.dll assimilate --preset l96-sakov2008 --method etkf --members 24 --inflation 1.013 --rotate --cycles $cycles --no-charts --quiet --output $out/run.json"
numpy="/usr/bin/python3 bench/numpy_etkf_l96.py $cycles"
r2r="$out/r2r/medida ${ours#dotnet Cli/bin/Release/net10.0/medida.dll }"
hyperfine --runs "$runs" --warmup 1 --export-json "$out/h.json" \
  -n numpy "$numpy" -n medida "$ours" -n medida-1thread "$ours --threads 1" \
  -n medida-noavx512 "DOTNET_EnableAVX512F=0 $ours" -n medida-r2r "$r2r" -n startup "dotnet Cli/bin/Release/net10.0/medida.dll --version"
python3 - "$out/h.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
for k in ("medida", "medida-1thread", "medida-noavx512", "medida-r2r"):
    print(f"numpy / {k}: {r['numpy'] / r[k]:.2f}x  ({r['numpy']:.2f} s vs {r[k]:.2f} s; start-up {r['startup']:.2f} s)")
PY
