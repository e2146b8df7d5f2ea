#!/usr/bin/env python3
"""Summarises the KS noisy-discovery tables (bench/results/ks-noisy/*.md) as one table against ensemble size.

Each input is the output of `bench -- ks-discovery --out FILE.md` (one row per case and regression filter). Prints a
Markdown table: form, members, regression filter, cases with the exact support and every coefficient within 10 %,
the case-1 (G3) result, the worst error among the twelve spec cases, and the filter's scores when cycled.
Usage: python3 bench/ks_noisy_summary.py DIR [LABEL=FILE.md[:F] ...]   (F: the regression filter of rows without "(f …)")
"""
import re
import sys
from pathlib import Path

ROW = re.compile(r"^\| (\d+)(?: \(f ([0-9.eE+-]+)\))? \| [^|]+ \| [^|]+ \| ([^|]*) \| ([^|]*) \| ([^|]*) \| (pass|FAIL) \| ([0-9.]+) \|$")


def parse(path, default_filter="0"):
    rows, filt = {}, None
    for line in Path(path).read_text().splitlines():
        if line.startswith("filter "):
            filt = line
        m = ROW.match(line)
        if m:
            case, f, found, err, spurious, verdict, _ = m.groups()
            rows.setdefault(f or default_filter, {})[int(case)] = (found.strip(), err.strip(), spurious.strip(), verdict == "pass")
    return rows, filt


def main():
    folder = Path(sys.argv[1])
    specs = [a.split("=", 1) for a in sys.argv[2:]] or [(p.stem, p.name) for p in sorted(folder.glob("*.md"))]
    print("| form | members | regression filter | spec cases 1–12 pass | all cases pass | case 1 (G3: uu_x −1) | worst error, cases 1–12 | filter |")
    print("|---|---|---|---|---|---|---|---|")
    for label, name in specs:
        name, _, f0 = name.partition(":")
        rows, filt = parse(folder / name, f0 or "0")
        form, members = label.rsplit("-", 1) if "-" in label else (label, "")
        for f, cases in rows.items():
            spec = [c for c in cases if c <= 12]
            ok12 = sum(cases[c][3] for c in spec)
            worst = "—"
            errs = [cases[c][1] for c in spec if cases[c][1].endswith("%")]
            if errs and ok12 == len(spec):
                worst = max(errs, key=lambda e: float(e.rstrip(" %")))
            c1 = cases.get(1)
            g3 = "—" if c1 is None else (c1[0] + (f"; spurious {c1[2]}" if c1[2] else "") + ("" if c1[3] else " (fail)"))
            scores = ""
            if filt:
                m = re.search(r"σ_obs ([0-9.eE+-]+), rmse_a ([0-9.eE+-]+).*spread/rmse ([0-9.]+).* ([0-9.]+) s$", filt)
                if m:
                    scores = f"σ {float(m.group(1)):.4g}, rmse_a {float(m.group(2)):.3g}, spread/rmse {m.group(3)}, {float(m.group(4)):.0f} s"
            print(f"| {form} | {members} | {f} | {ok12}/{len(spec)} | {sum(v[3] for v in cases.values())}/{len(cases)} | {g3} | {worst} | {scores} |")


if __name__ == "__main__":
    main()
