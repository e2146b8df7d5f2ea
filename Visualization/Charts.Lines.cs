namespace Science.Visualization;

public static partial class Charts
{
    /// <summary>
    /// Builds a single-panel line chart of several series against one shared coordinate.
    /// With <paramref name="vertical"/> the coordinate runs up the y axis and the values along x.
    /// </summary>
    private static PlotlyFigure LineFigure(
        string title,
        double[] coordinate,
        IReadOnlyList<(string Name, double[] Values)> series,
        string xLabel,
        string yLabel,
        bool logX,
        bool logY,
        bool vertical,
        string mode)
    {
        var figure = new PlotlyFigure();
        for (int i = 0; i < series.Count; i++)
        {
            var (name, values) = series[i];
            var (x, y) = vertical
                ? PlotlyParts.Points(values, coordinate, logX, logY)
                : PlotlyParts.Points(coordinate, values, logX, logY);
            var trace = figure.AddTrace("scatter");
            trace["name"] = name;
            trace["x"] = x;
            trace["y"] = y;
            trace["mode"] = mode;
            trace["line"] = new Dictionary<string, object?>
            {
                ["width"] = 2,
                ["color"] = PlotlyParts.Palette[i % PlotlyParts.Palette.Length],
            };
            trace["marker"] = new Dictionary<string, object?> { ["size"] = 5 };
        }

        figure.Layout["title"] = PlotlyParts.FigureTitle(title);
        figure.Layout["xaxis"] = PlotlyParts.Axis(xLabel, logX);
        figure.Layout["yaxis"] = PlotlyParts.Axis(yLabel, logY);
        figure.Layout["hovermode"] = "closest";
        figure.Layout["showlegend"] = true;
        figure.Layout["width"] = vertical ? 700 : 900;
        figure.Layout["height"] = vertical ? 650 : 520;
        return figure;
    }
}
