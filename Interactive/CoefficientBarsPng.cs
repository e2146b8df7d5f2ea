using Science.Medida.Discovery;
using Science.Numerics.IO;
using ScottPlot;

namespace Science.Interactive;

/// <summary>
/// The static counterpart of the coefficient bar chart of a <see cref="DiscoveryReport"/>: for every term found or
/// expected (all layers), the found coefficient next to the expected one, drawn headlessly with ScottPlot.
/// </summary>
internal static class CoefficientBarsPng
{
    /// <summary>Writes the PNG to <paramref name="path"/> (atomically).</summary>
    public static void Write(string path, DiscoveryReport report, int width = 800, int height = 380)
    {
        var labels = new List<string>();
        var found = new List<double>();
        var expected = new List<double>();
        foreach (var layer in report.Layers)
        {
            var answer = report.Expected?.ForLayer(layer.Index) ?? [];
            foreach (var label in layer.Terms.Select(t => t.Label).Concat(answer.Select(e => e.Label)).Distinct())
            {
                labels.Add(report.Layers.Count > 1 ? $"{layer.Number}: {DiscoveryReportHtml.Symbol(label)}" : DiscoveryReportHtml.Symbol(label));
                found.Add(layer.Terms.FirstOrDefault(t => t.Label == label)?.Coefficient ?? 0);
                expected.Add(answer.FirstOrDefault(e => e.Label == label)?.Coefficient ?? 0);
            }
        }

        using var plot = new Plot();
        double[] centres = Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray();
        Bars(plot, centres, -0.2, found, "found", "#1f77b4");
        if (report.Expected is not null) Bars(plot, centres, 0.2, expected, "expected", "#ff7f0e");
        plot.Axes.Bottom.SetTicks(centres, labels.ToArray());
        // Slanted term labels stay readable when many terms (a spurious fit) share the axis.
        plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 80;
        plot.Title($"case {report.Case.Id}: discovered vs expected coefficients");
        plot.YLabel("coefficient");
        plot.ShowLegend(Edge.Right);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(width, height, ImageFormat.Png));
    }

    private static void Bars(Plot plot, double[] centres, double offset, List<double> values, string name, string colour)
    {
        var bars = plot.Add.Bars(centres.Select(c => c + offset).ToArray(), values.ToArray());
        foreach (var bar in bars.Bars) bar.Size = 0.38;
        bars.Color = Color.FromHex(colour);
        bars.LegendText = name;
    }
}
