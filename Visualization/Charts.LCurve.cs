using System.Globalization;

namespace Science.Visualization;

public static partial class Charts
{
    /// <summary>The note in an L-curve panel without a finite, positive nMSE to draw.</summary>
    internal const string NoConvergedFit = "no converged fit";

    /// <summary>
    /// Writes an HTML L-curve chart for sparse regression threshold sweeps: per panel (side by side, e.g. one
    /// per layer) the normalised mean squared error against threshold on log-log axes and, on a secondary
    /// y axis, the number of active terms; the selected threshold is marked with a star. A panel without a
    /// single drawable nMSE (every fit failed, as in a layer without model error) keeps its axes and carries the
    /// note "no converged fit".
    /// </summary>
    /// <param name="path">Output HTML file; replaced atomically if it exists.</param>
    /// <param name="title">Chart and page title.</param>
    /// <param name="panels">One panel per model; within a panel all arrays have the same length.</param>
    /// <exception cref="ArgumentException">A length mismatch, a selected index out of range, an empty input or a null argument; the exception names the parameter.</exception>
    public static void LCurve(string path, string title, IReadOnlyList<LCurvePanel> panels)
    {
        Guard.Path(path, nameof(path));
        ArgumentNullException.ThrowIfNull(title);
        Guard.NonEmptyList(panels, nameof(panels));
        for (int p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            string what = $"Panel {p} ('{panel.Name}')";
            if (panel.Name is null)
            {
                throw new ArgumentException($"Panel {p} has no name.", nameof(panels));
            }

            if (panel.Threshold is null || panel.Threshold.Length == 0)
            {
                throw new ArgumentException($"{what} has no thresholds.", nameof(panels));
            }

            int n = panel.Threshold.Length;
            Guard.Length(panel.Nmse, n, $"{what} Nmse", nameof(panels));
            Guard.Length(panel.TermCount, n, $"{what} TermCount", nameof(panels));
            if (panel.SelectedIndex is int s && (s < 0 || s >= n))
            {
                throw new ArgumentException($"{what} SelectedIndex {s} is outside [0, {n}).", nameof(panels));
            }
        }

        const double plotTop = 0.9;
        var figure = new PlotlyFigure();
        var annotations = new List<object>();
        var domains = PlotlyParts.Columns(panels.Count, panels.Count == 1 ? 0.0 : 0.16);
        for (int p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            int xIndex = p + 1, yIndex = 2 * p + 1, y2Index = 2 * p + 2;
            string xRef = PlotlyParts.AxisRef('x', xIndex);
            string yRef = PlotlyParts.AxisRef('y', yIndex);
            string y2Ref = PlotlyParts.AxisRef('y', y2Index);
            bool first = p == 0;

            var (tn, nmse) = PlotlyParts.Points(panel.Threshold, panel.Nmse, positiveX: true, positiveY: true);
            if (tn.Length == 0)
            {
                annotations.Add(PanelNote(NoConvergedFit, (domains[p].Start + domains[p].End) / 2, plotTop / 2));
            }

            var error = figure.AddTrace("scatter");
            error["name"] = "nMSE";
            error["legendgroup"] = "nmse";
            error["showlegend"] = first;
            error["x"] = tn;
            error["y"] = nmse;
            error["mode"] = "lines+markers";
            error["xaxis"] = xRef;
            error["yaxis"] = yRef;
            error["line"] = new Dictionary<string, object?> { ["color"] = PlotlyParts.Palette[0], ["width"] = 2 };
            error["marker"] = new Dictionary<string, object?> { ["size"] = 6 };

            var terms = PlotlyParts.Points(
                panel.Threshold, Array.ConvertAll(panel.TermCount, c => (double)c), positiveX: true, positiveY: false);
            var count = figure.AddTrace("scatter");
            count["name"] = "number of terms";
            count["legendgroup"] = "terms";
            count["showlegend"] = first;
            count["x"] = terms.X;
            count["y"] = terms.Y;
            count["mode"] = "lines+markers";
            count["xaxis"] = xRef;
            count["yaxis"] = y2Ref;
            count["line"] = new Dictionary<string, object?>
            {
                ["color"] = PlotlyParts.Palette[1], ["width"] = 1.5, ["dash"] = "dot",
            };
            count["marker"] = new Dictionary<string, object?> { ["size"] = 5, ["symbol"] = "square" };

            if (panel.SelectedIndex is int s && panel.Threshold[s] > 0 && panel.Nmse[s] > 0
                && double.IsFinite(panel.Threshold[s]) && double.IsFinite(panel.Nmse[s]))
            {
                string label = string.Create(
                    CultureInfo.InvariantCulture,
                    $"threshold {panel.Threshold[s]:g3}, {panel.TermCount[s]} terms");
                var selected = figure.AddTrace("scatter");
                selected["name"] = "selected";
                selected["legendgroup"] = "selected";
                selected["showlegend"] = first;
                selected["x"] = new[] { panel.Threshold[s] };
                selected["y"] = new[] { panel.Nmse[s] };
                selected["mode"] = "markers+text";
                selected["text"] = new[] { label };
                selected["textposition"] = "top center";
                selected["xaxis"] = xRef;
                selected["yaxis"] = yRef;
                selected["marker"] = new Dictionary<string, object?>
                {
                    ["symbol"] = "star", ["size"] = 18, ["color"] = PlotlyParts.Palette[3],
                    ["line"] = new Dictionary<string, object?> { ["color"] = "#000", ["width"] = 1 },
                };
            }

            var xAxis = PlotlyParts.Axis("threshold", log: true);
            xAxis["domain"] = new[] { domains[p].Start, domains[p].End };
            xAxis["anchor"] = yRef;
            var yAxis = PlotlyParts.Axis("nMSE", log: true);
            yAxis["domain"] = new[] { 0.0, plotTop };
            yAxis["anchor"] = xRef;
            yAxis["mirror"] = false;
            yAxis["linecolor"] = PlotlyParts.Palette[0];
            yAxis["tickfont"] = new Dictionary<string, object?> { ["color"] = PlotlyParts.Palette[0] };
            var y2Axis = PlotlyParts.Axis("number of terms");
            y2Axis["overlaying"] = yRef;
            y2Axis["side"] = "right";
            y2Axis["anchor"] = xRef;
            y2Axis["rangemode"] = "tozero";
            y2Axis["showgrid"] = false;
            y2Axis["mirror"] = false;
            y2Axis["linecolor"] = PlotlyParts.Palette[1];
            y2Axis["tickfont"] = new Dictionary<string, object?> { ["color"] = PlotlyParts.Palette[1] };
            if (panel.TermCount.Length > 0 && panel.TermCount.Max() <= 12)
            {
                y2Axis["dtick"] = 1;
            }

            figure.Layout[PlotlyParts.AxisKey('x', xIndex)] = xAxis;
            figure.Layout[PlotlyParts.AxisKey('y', yIndex)] = yAxis;
            figure.Layout[PlotlyParts.AxisKey('y', y2Index)] = y2Axis;
            annotations.Add(PlotlyParts.PanelTitle(panel.Name, (domains[p].Start + domains[p].End) / 2, plotTop));
        }

        figure.Layout["title"] = PlotlyParts.FigureTitle(title);
        figure.Layout["annotations"] = annotations;
        figure.Layout["legend"] = PlotlyParts.LegendBelow(-0.16);
        figure.Layout["width"] = Math.Max(600, 560 * panels.Count);
        figure.Layout["height"] = 520;
        figure.Layout["margin"] = new Dictionary<string, object?> { ["l"] = 80, ["r"] = 80, ["t"] = 80, ["b"] = 120 };
        figure.Write(path, title);
    }
}
