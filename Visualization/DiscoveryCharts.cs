using Science.Medida.Discovery;
using Science.Medida.Increments;

namespace Science.Visualization;

/// <summary>
/// The charts of a discovery report (offline Plotly HTML): <c>lcurve.html</c> (nMSE and number of terms against the
/// threshold per layer), <c>coefficients.html</c> (discovered coefficients with their posterior std against the expected
/// ones) and <c>increments.html</c> (maps of h1, h2 and ψ1 of the library state for the first snapshot). Kept out of
/// the discovery core so that Science.Medida carries no Plotly.NET/FSharp.Core.
/// </summary>
public static class DiscoveryCharts
{
    /// <summary>Writes the L-curve, the coefficient bars and the increment maps of the first snapshot.</summary>
    public static IReadOnlyList<string> Write(string directory, DiscoveryReport report, Increment increment)
    {
        Directory.CreateDirectory(directory);
        string lcurve = Path.Combine(directory, "lcurve.html"), bars = Path.Combine(directory, "coefficients.html");
        string maps = Path.Combine(directory, "increments.html");
        WriteLCurve(lcurve, report);
        WriteCoefficients(bars, report);
        WriteIncrementMaps(maps, increment);
        return [lcurve, bars, maps];
    }

    /// <summary>Writes the L-curve of every layer (nMSE and number of terms against the threshold, the selection marked).</summary>
    public static void WriteLCurve(string path, DiscoveryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Charts.LCurve(path, $"Case {report.Case.Id}: nMSE and number of terms against the threshold",
            report.Layers.Select(l => new LCurvePanel($"layer {l.Number}",
                l.Sweep.Entries.Select(e => e.Threshold).ToArray(),
                l.Sweep.Entries.Select(e => e.Converged ? e.Nmse : double.NaN).ToArray(),
                l.Sweep.Entries.Select(e => e.Converged ? e.TermCount : 0).ToArray(),
                l.SelectedIndex >= 0 ? l.SelectedIndex : null)).ToArray());
    }

    /// <summary>Writes the discovered coefficients (with their posterior std) beside the expected ones, one panel per layer.</summary>
    public static void WriteCoefficients(string path, DiscoveryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Charts.CoefficientBars(path, $"Case {report.Case.Id}: discovered vs expected coefficients",
            report.Layers.Select(l =>
            {
                var exp = report.Expected?.ForLayer(l.Index) ?? [];
                var labels = l.Terms.Select(t => t.Label).Union(exp.Select(t => t.Label)).ToArray();
                return new CoefficientPanel($"layer {l.Number}", labels,
                    labels.Select(x => l.Terms.FirstOrDefault(t => t.Label == x)?.Coefficient ?? 0).ToArray(),
                    labels.Select(x => l.Terms.FirstOrDefault(t => t.Label == x)?.Std ?? 0).ToArray(),
                    report.Expected is null ? null : labels.Select(x => exp.FirstOrDefault(t => t.Label == x)?.Coefficient ?? 0).ToArray());
            }).ToArray());
    }

    /// <summary>Writes maps of h1, h2 and ψ1 of the library state for the first snapshot of <paramref name="increment"/>.</summary>
    public static void WriteIncrementMaps(string path, Increment increment)
    {
        ArgumentNullException.ThrowIfNull(increment);
        var g = increment.Grid;
        Charts.Maps(path, $"Increments h_k = (q^o − q^m)/Δt, snapshot t = {increment.Times[0]:F2}", g.X.ToArray(), g.Y.ToArray(),
            [("h1", increment.Layer(0, 0).ToArray()), ("h2", increment.Layer(0, 1).ToArray()),
             ("ψ1 (library state)", increment.LibraryState(0)[..g.RealSize].ToArray())]);
    }
}
