using System.Text;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Library;
using Science.Medida.Reports;
using Science.Visualization;

namespace Science.Interactive;

/// <summary>
/// The HTML view of a MEDIDA <see cref="DiscoveryReport"/>: the case, the verdict, per layer the discovered equation
/// next to the known answer, a coefficient table (found ± std, expected, relative error) and the coefficient bars
/// (<see cref="DiscoveryCharts.WriteCoefficients"/>) as an interactive chart with a static fallback.
/// </summary>
internal static class DiscoveryReportHtml
{
    /// <summary>Writes the report.</summary>
    public static void Write(DiscoveryReport report, TextWriter writer)
    {
        var c = report.Case;
        var html = new StringBuilder();
        html.Append("<div><b>MEDIDA case ").Append(c.Id).Append(" (").Append(HtmlTable.Encode(c.Name)).Append(")</b>: ")
            .Append(HtmlTable.Encode(c.Description)).Append("<br/>verdict: <b>")
            .Append(HtmlTable.Encode(report.Verdict?.ToText() ?? "no known answer")).Append("</b>; ")
            .Append(report.Rows).Append(" rows per layer</div>");
        html.Append("<ul style=\"margin:4px 0\">");
        foreach (var layer in report.Layers) html.Append("<li>").Append(EquationLine(report, layer)).Append("</li>");
        html.Append("</ul>");
        html.Append(CoefficientTable(report));
        writer.Write(html.ToString());
        if (report.Layers.Any(l => l.Terms.Count > 0 || (report.Expected?.ForLayer(l.Index).Count ?? 0) > 0))
            writer.Write(NotebookCharts.Chart($"case {c.Id}: discovered vs expected coefficients",
                page => DiscoveryCharts.WriteCoefficients(page, report),
                png => CoefficientBarsPng.Write(png, report)));
    }

    private static string EquationLine(DiscoveryReport report, LayerDiscovery layer)
    {
        string lhs = report.Case.ModelName == "qg" ? $"model error in ∂t q{layer.Number}" : "model error in ∂t u";
        string found = layer.NoError
            ? $"0 (no model error: {layer.NoErrorReason})"
            : EquationText.Format(layer.Terms.Select(t => (t.Symbol, t.Coefficient, t.Std))) + $"   (nMSE {HtmlTable.Number(layer.Nmse, "E2")})";
        var line = new StringBuilder($"layer {layer.Number}: {HtmlTable.Encode(lhs)} ≈ <code>{HtmlTable.Encode(found)}</code>");
        if (report.Expected is { } expected)
        {
            string truth = EquationText.Format(expected.ForLayer(layer.Index).Select(t => (Symbol(t.Label), t.Coefficient, (double?)null)), withStd: false);
            line.Append("; truth <code>").Append(HtmlTable.Encode(truth)).Append("</code>");
        }
        return line.ToString();
    }

    private static string CoefficientTable(DiscoveryReport report)
    {
        var table = new HtmlTable("coefficients", "layer", "term", "symbol", "found", "± std", "expected", "relative error");
        foreach (var layer in report.Layers)
        {
            var expected = report.Expected?.ForLayer(layer.Index) ?? [];
            var labels = layer.Terms.Select(t => t.Label).Concat(expected.Select(e => e.Label)).Distinct();
            foreach (var label in labels)
            {
                var term = layer.Terms.FirstOrDefault(t => t.Label == label);
                var want = expected.FirstOrDefault(e => e.Label == label);
                var comparison = layer.Comparison?.Terms.FirstOrDefault(t => t.Label == label);
                table.Row(layer.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), label, term?.Symbol ?? Symbol(label),
                    term is null ? "not found" : HtmlTable.Number(term.Coefficient, "G6"),
                    term?.Std is double std ? HtmlTable.Number(std, "G2") : "",
                    want is null ? (report.Expected is null ? "" : "0 (spurious)") : HtmlTable.Number(want.Coefficient, "G6"),
                    comparison is null || double.IsNaN(comparison.RelativeError) ? "" : HtmlTable.Number(comparison.RelativeError, "P3"));
            }
        }
        return table.ToString();
    }

    /// <summary>The printed symbol of a library label (the label itself for a term outside the toolkit's library).</summary>
    internal static string Symbol(string label) =>
        CandidateLibrary.Available.FirstOrDefault(t => t.Label == label)?.Symbol ?? label;
}
