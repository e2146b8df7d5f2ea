using System.Diagnostics;
using System.Globalization;
using System.Text;
using Science.Medida.Ks;

namespace Science.Bench;

/// <summary>
/// The KS discovery table (spec §10.5, clean observations): every case of <see cref="KsCaseCatalogue"/> from one truth
/// run, with expected and found terms, the relative error, pass/fail at 2 % and the seconds per case.
/// <c>dotnet run -c Release --project bench -- ks-discovery [--derivatives fd|spectral] [--increment reference|residual]
/// [--library-state u0|target|midpoint] [--ndt 5] [--thresholds T,…] [--samples 10 --beta 10000 --spinup 100000]
/// [--cases 1,2,…] [--reference] [--out FILE.md]</c>; without options it uses <see cref="KsDiscoveryOptions"/>' defaults,
/// with <c>--reference</c> <see cref="KsDiscoveryOptions.Reference"/> (later options override either).
/// </summary>
public static class KsDiscoveryTable
{
    /// <summary>Runs the table; returns 0 when every case passes, 1 otherwise.</summary>
    public static int Run(string[] args)
    {
        var o = args.Contains("--reference") ? KsDiscoveryOptions.Reference : new KsDiscoveryOptions();
        IEnumerable<int> ids = KsCaseCatalogue.All.Select(c => c.Id);
        string? outFile = null;
        double[] filters = [0];
        double tolerance = 0.02;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--reference") { i--; continue; }
            string v = args[i + 1];
            o = args[i] switch
            {
                "--derivatives" => o with { Derivatives = v == "spectral" ? KsDerivativeKind.Spectral : KsDerivativeKind.FiniteDifference },
                "--increment" => o with { Increment = v == "residual" ? KsIncrementKind.Residual : KsIncrementKind.Reference },
                "--library-state" => o with { LibraryState = v switch { "target" => KsLibraryState.Target, "u0" => KsLibraryState.Start, _ => KsLibraryState.Midpoint } },
                "--ndt" => o with { ModelStepRatio = int.Parse(v, CultureInfo.InvariantCulture) },
                "--thresholds" => o with { Thresholds = [.. v.Split(',').Select(t => double.Parse(t, CultureInfo.InvariantCulture))] },
                "--samples" => o with { Samples = int.Parse(v, CultureInfo.InvariantCulture) },
                "--beta" => o with { Beta = int.Parse(v, CultureInfo.InvariantCulture) },
                "--spinup" => o with { SpinUpSteps = int.Parse(v, CultureInfo.InvariantCulture) },
                "--noise" => o with { NoiseMagnitude = double.Parse(v, CultureInfo.InvariantCulture) },
                "--members" => o with { EnsembleMembers = int.Parse(v, CultureInfo.InvariantCulture) },
                "--one-shot" => o with
                {
                    OneShotMethod = v switch
                    {
                        "etkf" => new Science.Assimilation.Methods.Etkf { Members = 2 },
                        "enkf" => new Science.Assimilation.Methods.Enkf { Members = 2 },
                        _ => new Science.Assimilation.Methods.Letkf { Members = 2, Localisation = 30 },
                    },
                },
                "--recentre" => o with { RecentrePerturbations = v == "on" },
                _ => o,
            };
            if (args[i] == "--pass-tolerance") tolerance = double.Parse(v, CultureInfo.InvariantCulture);
            if (args[i] == "--regression-filter") filters = [.. v.Split(',').Select(t => double.Parse(t, CultureInfo.InvariantCulture))];
            if (args[i] == "--cases") ids = v.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture));
            if (args[i] == "--out") outFile = v;
        }
        Science.Medida.Assimilated.AssimilationSettings? filter = null;
        int observeEvery = 1;
        for (int i = 0; i + 1 < args.Length; i++)
        {
            string v = args[i + 1];
            filter = args[i] switch
            {
                "--analysis" => (filter ?? new()) with { Method = v, Rtps = 0.5, Inflation = 1.0, Localisation = 30, AnalysisEvery = 5, Spinup = 200, Batch = 8 },
                "--filter-members" => (filter ?? new()) with { Members = int.Parse(v, CultureInfo.InvariantCulture) },
                "--localisation" => (filter ?? new()) with { Localisation = double.Parse(v, CultureInfo.InvariantCulture) },
                "--inflation" => (filter ?? new()) with { Inflation = double.Parse(v, CultureInfo.InvariantCulture) },
                "--rtps" => (filter ?? new()) with { Rtps = double.Parse(v, CultureInfo.InvariantCulture) },
                "--analysis-every" => (filter ?? new()) with { AnalysisEvery = int.Parse(v, CultureInfo.InvariantCulture) },
                "--batch" => (filter ?? new()) with { Batch = int.Parse(v, CultureInfo.InvariantCulture) },
                "--analysis-spinup" => (filter ?? new()) with { Spinup = int.Parse(v, CultureInfo.InvariantCulture) },
                _ => filter,
            };
            if (args[i] == "--observe-every") observeEvery = int.Parse(v, CultureInfo.InvariantCulture);
        }
        KsAssimilatedSamples.Result? assimilated = null;
        string? filterLine = null;
        if (filter is not null)
        {
            var c0 = Stopwatch.StartNew();
            assimilated = KsAssimilatedSamples.Generate(o, filter, observeEvery);
            var su = assimilated.Run.Summary;
            filterLine = string.Create(CultureInfo.InvariantCulture,
                $"filter {filter.Method} N={filter.Members} R={filter.Localisation} infl={filter.Inflation} rtps={filter.Rtps} every={filter.AnalysisEvery}: σ_obs {assimilated.ObservationStd:G4}, rmse_a {su.RmseAnalysis:G4}, rmse_f {su.RmseForecast:G4}, spread/rmse {su.SpreadRatio:F2}, {assimilated.Run.Series.Count} cycles, {c0.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine(filterLine);
        }
        var truth = assimilated?.Analysis ?? KsTruthSamples.Generate(o);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"truth: {truth.Times.Count} samples, {truth.Elapsed.TotalSeconds:F1} s; derivatives {o.Derivatives}, increment {o.Increment}, library at {o.LibraryState}, NDT {o.ModelStepRatio}, noise {o.NoiseMagnitude}, EnKF members {o.EnsembleMembers}, thresholds {string.Join(",", o.Thresholds)}");
        if (filterLine is not null) sb.AppendLine().AppendLine(filterLine);
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| case | model λ (uu_x, u_xx, u_xxxx) + extra | expected m | found m | max rel. error | spurious | pass ({tolerance * 100:G3} %) | s |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        int failures = 0;
        foreach (double f in filters)
        foreach (int id in ids)
        {
            o = o with { RegressionFilter = f };
            var c = KsCaseCatalogue.Get(id);
            var clock = Stopwatch.StartNew();
            var report = assimilated is null ? KsDiscovery.Run(c, truth, o) : KsDiscovery.Run(c, assimilated, o);
            clock.Stop();
            var layer = report.Layer(0);
            var cmp = layer.Comparison!;
            bool pass = cmp.Missing.Count == 0 && cmp.Spurious.Count == 0 && cmp.MaxRelativeError < tolerance;
            if (!pass) failures++;
            string expected = string.Join(", ", cmp.Terms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Label} {t.Expected:G4}")));
            string found = layer.Terms.Count == 0 ? "none" : string.Join(", ", layer.Terms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Label} {t.Coefficient:F4}")));
            string err = cmp.Missing.Count > 0 ? "missing " + string.Join(", ", cmp.Missing) : cmp.MaxRelativeError.ToString("P2", CultureInfo.InvariantCulture);
            string extra = c.ExtraTerm == Science.Models.Ks.KsExtraTerm.None ? "" : string.Create(CultureInfo.InvariantCulture, $" + {c.ExtraTerm} λ3 = {c.Lambda3:G3}");
            string lambda = string.Create(CultureInfo.InvariantCulture, $"({c.Lambda0:G3}, {c.Lambda1:G3}, {c.Lambda2:G3}){extra}");
            string spurious = cmp.Spurious.Count == 0 ? "" : string.Join(", ", cmp.Spurious);
            string line = string.Create(CultureInfo.InvariantCulture,
                $"| {id}{(filters.Length > 1 || f != 0 ? $" (f {f:G3})" : "")} | {lambda} | {expected} | {found} | {err} | {spurious} | {(pass ? "pass" : "FAIL")} | {clock.Elapsed.TotalSeconds:F2} |");
            sb.AppendLine(line);
            Console.WriteLine(line);
        }
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{failures} of {ids.Count()} cases fail.");
        Console.WriteLine(sb.ToString());
        if (outFile is not null) File.WriteAllText(outFile, sb.ToString());
        return failures == 0 ? 0 : 1;
    }
}
