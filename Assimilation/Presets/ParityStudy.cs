using System.Diagnostics;
using System.Globalization;
using System.Text;
using Science.Assimilation.Cycling;

namespace Science.Assimilation.Presets;

/// <summary>One row of a parity table: a benchmark run over several seeds.</summary>
/// <param name="Preset">Preset name.</param>
/// <param name="Benchmark">The published score.</param>
/// <param name="Cycles">Cycles per run.</param>
/// <param name="RmseA">rmse_a of each seed.</param>
/// <param name="SpreadRatio">spread_a / rmse_a of each seed.</param>
/// <param name="RmseF">rmse_f of each seed.</param>
/// <param name="SecondsPerRun">Mean wall time of one run (s).</param>
public sealed record ParityRow(string Preset, PresetBenchmark Benchmark, int Cycles, double[] RmseA, double[] SpreadRatio, double[] RmseF, double SecondsPerRun)
{
    /// <summary>Mean of <see cref="RmseA"/>.</summary>
    public double MeanRmseA => RmseA.Average();
    /// <summary>Sample standard deviation of <see cref="RmseA"/> (N−1; 0 for one seed).</summary>
    public double StdRmseA => RmseA.Length < 2 ? 0 : Math.Sqrt(RmseA.Sum(v => (v - MeanRmseA) * (v - MeanRmseA)) / (RmseA.Length - 1));
    /// <summary>Whether the mean is within the benchmark's tolerance and the mean spread ratio in [0.9, 1.3].</summary>
    public bool Passes => Math.Abs(MeanRmseA - Benchmark.ExpectedRmseA) <= Benchmark.Tolerance && SpreadRatio.Average() is >= 0.9 and <= 1.3;
}

/// <summary>
/// Runs a preset's benchmarks (DAPPER's published rmse_a) over several seeds and formats the comparison as a
/// Markdown table. A long run: for benches and the CLI, not for unit tests.
/// </summary>
public static class ParityStudy
{
    /// <summary>Runs every benchmark of <paramref name="preset"/> (or those whose label contains <paramref name="only"/>) for seeds <paramref name="firstSeed"/> … + <paramref name="seeds"/> − 1.</summary>
    /// <param name="preset">The preset.</param>
    /// <param name="seeds">Number of seeds, ≥ 1.</param>
    /// <param name="firstSeed">The first seed.</param>
    /// <param name="cycles">Cycles per run (null = the preset's); the burn-in is kept unless it would not fit.</param>
    /// <param name="only">A substring of the benchmark labels to run, or null for all.</param>
    /// <param name="report">Called after each run with a one-line description.</param>
    public static IReadOnlyList<ParityRow> Run(Preset preset, int seeds, int firstSeed, int? cycles = null, string? only = null, Action<string>? report = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        if (seeds < 1) throw new ArgumentOutOfRangeException(nameof(seeds), seeds, "seeds must be in [1, ∞)");
        var xp = preset.Experiment;
        if (cycles is int k)
        {
            var c = xp.Chronology;
            xp = xp with { Chronology = new Experiments.Chronology(c.Dt, c.Dko, k, Math.Min(c.BurnInCycles, k / 2)) };
        }
        var rows = new List<ParityRow>();
        foreach (var b in preset.Benchmarks)
        {
            if (only is not null && !b.Label.Contains(only, StringComparison.Ordinal)) continue;
            var ra = new double[seeds];
            var ratio = new double[seeds];
            var rf = new double[seeds];
            var clock = Stopwatch.StartNew();
            for (int s = 0; s < seeds; s++)
            {
                var run = b.Method.Assimilate(xp, firstSeed + s, new AssimilationOptions());
                ra[s] = run.Summary.RmseAnalysis;
                ratio[s] = run.Summary.SpreadRatio;
                rf[s] = run.Summary.RmseForecast;
                report?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"{preset.Name} {b.Label} seed {firstSeed + s}: rmse_a {ra[s]:F4} spread/rmse {ratio[s]:F3} rmse_f {rf[s]:F4} ({run.Wall.TotalSeconds:F1} s)"));
            }
            rows.Add(new ParityRow(preset.Name, b, xp.Chronology.Cycles, ra, ratio, rf, clock.Elapsed.TotalSeconds / seeds));
        }
        return rows;
    }

    /// <summary>The rows as a Markdown table.</summary>
    public static string Markdown(IEnumerable<ParityRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| preset | method (DAPPER call) | cycles | seeds | rmse_a mean ± std | DAPPER rmse_a | tolerance | spread/rmse | rmse_f | s/run | pass |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Preset} | `{r.Benchmark.Label}` | {r.Cycles} | {r.RmseA.Length} | {r.MeanRmseA:F3} ± {r.StdRmseA:F3} | {r.Benchmark.ExpectedRmseA:G3} | ±{r.Benchmark.Tolerance:G2} | {r.SpreadRatio.Average():F2} | {r.RmseF.Average():F3} | {r.SecondsPerRun:F1} | {(r.Passes ? "yes" : "**no**")} |"));
        return sb.ToString();
    }
}
