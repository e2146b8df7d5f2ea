namespace Science.Visualization;

public static partial class Charts
{
    /// <summary>
    /// Writes an HTML grouped bar chart comparing identified coefficients (with ±1 standard deviation error
    /// bars where given) with the expected ones, term by term; one panel per model (e.g. per layer), side by side.
    /// A panel without terms (nothing found and nothing expected, e.g. a layer without model error) keeps its
    /// axes and carries the note "no model error".
    /// </summary>
    /// <param name="path">Output HTML file; replaced atomically if it exists.</param>
    /// <param name="title">Chart and page title.</param>
    /// <param name="panels">One panel per model; within a panel all arrays have the same length as its labels (which may be empty).</param>
    /// <exception cref="ArgumentException">A length mismatch, an empty input or a null argument; the exception names the parameter.</exception>
    public static void CoefficientBars(string path, string title, IReadOnlyList<CoefficientPanel> panels)
    {
        Guard.Path(path, nameof(path));
        ArgumentNullException.ThrowIfNull(title);
        Guard.NonEmptyList(panels, nameof(panels));
        for (int p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            if (panel.Name is null)
            {
                throw new ArgumentException($"Panel {p} has no name.", nameof(panels));
            }

            string what = $"Panel {p} ('{panel.Name}')";
            if (panel.Labels is null)
            {
                throw new ArgumentException($"{what} has no term labels (null; give an empty array for a panel without terms).", nameof(panels));
            }

            int missing = Array.IndexOf(panel.Labels, null);
            if (missing >= 0)
            {
                throw new ArgumentException($"{what} label {missing} is null.", nameof(panels));
            }

            int n = panel.Labels.Length;
            Guard.Length(panel.Found, n, $"{what} Found", nameof(panels));
            if (panel.FoundStd is not null)
            {
                Guard.Length(panel.FoundStd, n, $"{what} FoundStd", nameof(panels));
            }

            if (panel.Expected is not null)
            {
                Guard.Length(panel.Expected, n, $"{what} Expected", nameof(panels));
            }
        }

        const double plotTop = 0.9;
        var figure = new PlotlyFigure();
        var annotations = new List<object>();
        var domains = PlotlyParts.Columns(panels.Count, panels.Count == 1 ? 0.0 : 0.07);
        for (int p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            int axis = p + 1;
            string xRef = PlotlyParts.AxisRef('x', axis);
            string yRef = PlotlyParts.AxisRef('y', axis);
            bool first = p == 0;
            bool empty = panel.Labels.Length == 0;
            double middle = (domains[p].Start + domains[p].End) / 2;
            if (empty)
            {
                annotations.Add(PanelNote(NoModelError, middle, plotTop / 2));
            }
            else
            {
                AddCoefficientTraces(figure, panel, xRef, yRef);
            }

            var xAxis = PlotlyParts.Axis("");
            xAxis["type"] = "category";
            xAxis["domain"] = new[] { domains[p].Start, domains[p].End };
            xAxis["anchor"] = yRef;
            xAxis["tickangle"] = -45;
            xAxis["automargin"] = true;
            var yAxis = PlotlyParts.Axis(first ? "coefficient" : "");
            yAxis["domain"] = new[] { 0.0, plotTop };
            yAxis["anchor"] = xRef;
            yAxis["zeroline"] = true;
            yAxis["zerolinecolor"] = "#888";
            yAxis["automargin"] = true;
            if (empty)
            {
                yAxis["range"] = new[] { -1.0, 1.0 };
            }

            figure.Layout[PlotlyParts.AxisKey('x', axis)] = xAxis;
            figure.Layout[PlotlyParts.AxisKey('y', axis)] = yAxis;
            annotations.Add(PlotlyParts.PanelTitle(panel.Name, middle, plotTop));
        }

        // Show each legend entry once, on the first panel that has it (earlier panels may be empty or lack expected values).
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trace in figure.Traces)
        {
            trace["showlegend"] = shown.Add((string)trace["name"]!);
        }

        int maxTerms = panels.Max(pn => pn.Labels.Length);
        figure.Layout["title"] = PlotlyParts.FigureTitle(title);
        figure.Layout["annotations"] = annotations;
        figure.Layout["barmode"] = "group";
        figure.Layout["bargap"] = 0.25;
        figure.Layout["width"] = Math.Max(600, panels.Count * Math.Max(380, 70 + 36 * maxTerms));
        figure.Layout["height"] = 560;
        figure.Layout["margin"] = new Dictionary<string, object?> { ["l"] = 70, ["r"] = 30, ["t"] = 80, ["b"] = 40 };
        figure.Layout["legend"] = new Dictionary<string, object?>
        {
            ["orientation"] = "h", ["x"] = 1.0, ["xanchor"] = "right", ["y"] = 1.0, ["yanchor"] = "bottom",
        };
        figure.Write(path, title);
    }

    /// <summary>The "found" bars (with error bars where given) and the "expected" bars of one non-empty panel.</summary>
    private static void AddCoefficientTraces(PlotlyFigure figure, CoefficientPanel panel, string xRef, string yRef)
    {
        var found = figure.AddTrace("bar");
        found["name"] = "found";
        found["legendgroup"] = "found";
        found["x"] = panel.Labels;
        found["y"] = PlotlyParts.Gaps(panel.Found);
        found["xaxis"] = xRef;
        found["yaxis"] = yRef;
        found["marker"] = new Dictionary<string, object?> { ["color"] = PlotlyParts.Palette[0] };
        if (panel.FoundStd is not null)
        {
            found["error_y"] = new Dictionary<string, object?>
            {
                ["type"] = "data",
                ["array"] = PlotlyParts.Gaps(panel.FoundStd),
                ["visible"] = true,
                ["color"] = "#222",
                ["thickness"] = 1.5,
                ["width"] = 4,
            };
        }

        if (panel.Expected is not null)
        {
            var expected = figure.AddTrace("bar");
            expected["name"] = "expected";
            expected["legendgroup"] = "expected";
            expected["x"] = panel.Labels;
            expected["y"] = PlotlyParts.Gaps(panel.Expected);
            expected["xaxis"] = xRef;
            expected["yaxis"] = yRef;
            expected["marker"] = new Dictionary<string, object?> { ["color"] = PlotlyParts.Palette[1] };
        }
    }
}
