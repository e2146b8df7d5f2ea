using System.Globalization;
using Science.Medida.Cases;
using Science.Medida.Discovery;

namespace Science.Cli.Reproduce;

/// <summary>Discovery results in the words of the reproduction tables (invariant culture, minus signs as "−").</summary>
internal static class DiscoveryText
{
    /// <summary>A number with <paramref name="format"/>, invariant, with a leading sign for non-negative values when <paramref name="signed"/>.</summary>
    public static string Number(double value, string format = "G5", bool signed = false)
    {
        string text = value.ToString(format, CultureInfo.InvariantCulture).Replace('-', '−');
        return signed && value >= 0 ? "+" + text : text;
    }

    /// <summary>A percentage with two decimals.</summary>
    public static string Percent(double fraction) => Number(100 * fraction, "F2") + " %";

    /// <summary>The expected terms of a layer, e.g. "psi1 −0.1, psi2 +0.1", or "no model error".</summary>
    public static string Expected(IReadOnlyList<ExpectedTerm> terms) =>
        terms.Count == 0 ? "no model error" : string.Join(", ", terms.Select(t => $"{t.Label} {Number(t.Coefficient, "G4", signed: true)}"));

    /// <summary>The selected terms of a layer, e.g. "psi1 −0.10019, psi2 +0.10027 (nMSE 2.3e−05)", or "no model error".</summary>
    public static string Found(LayerDiscovery layer) =>
        layer.NoError ? "no model error"
        : layer.Terms.Count == 0 ? "no terms"
        : string.Join(", ", layer.Terms.Select(t => $"{t.Label} {Number(t.Coefficient, "G5", signed: true)}")) + $" (nMSE {Number(layer.Nmse, "0.0E+00")})";

    /// <summary>The verdict of a layer, with the largest relative error when the support is exact.</summary>
    public static string Verdict(LayerComparison? comparison) =>
        comparison is null ? "no known answer"
        : comparison.Verdict == Science.Medida.Cases.Verdict.ExactSupport ? $"exact support, max error {Percent(comparison.MaxRelativeError)}"
        : comparison.Verdict.ToText() + (comparison.Missing.Count > 0 ? $" (missing {string.Join(", ", comparison.Missing)})" : "")
          + (comparison.Spurious.Count > 0 ? $" (spurious {string.Join(", ", comparison.Spurious)})" : "");

    /// <summary>Whether a layer has exactly the expected support, every coefficient within <paramref name="relative"/>,
    /// and "no model error" when none is expected.</summary>
    public static bool Within(LayerDiscovery layer, IReadOnlyList<ExpectedTerm> expected, double relative) =>
        layer.Comparison is { Verdict: Science.Medida.Cases.Verdict.ExactSupport } c && c.MaxRelativeError <= relative
        && (expected.Count > 0 || layer.NoError);

    /// <summary>The verdict over both layers of a report with the selected term counts, e.g. "spurious (8/3 terms)".</summary>
    public static string Overall(DiscoveryReport report) =>
        report.Verdict is Science.Medida.Cases.Verdict.ExactSupport
            ? $"exact support, max error {Percent(report.Layers.Max(l => l.Comparison!.MaxRelativeError))}"
            : $"{report.Verdict?.ToText() ?? "no known answer"} ({string.Join("/", report.Layers.Select(l => l.Terms.Count))} terms)";
}
