namespace Science.Visualization;

public static partial class Charts
{
    /// <summary>
    /// Writes an HTML chart of profiles against a meridional coordinate, e.g. the zonal-mean zonal wind u(y)
    /// of each layer; <paramref name="y"/> runs up the vertical axis and the values along the horizontal one.
    /// </summary>
    /// <param name="path">Output HTML file; replaced atomically if it exists.</param>
    /// <param name="title">Chart and page title.</param>
    /// <param name="y">The shared coordinate, drawn on the vertical axis.</param>
    /// <param name="series">Named profiles, each as long as <paramref name="y"/>.</param>
    /// <param name="xLabel">Label of the horizontal (value) axis.</param>
    /// <param name="yLabel">Label of the vertical (coordinate) axis.</param>
    /// <exception cref="ArgumentException">A length mismatch, an empty input or a null argument; the exception names the parameter.</exception>
    public static void Profiles(
        string path,
        string title,
        double[] y,
        IReadOnlyList<(string Name, double[] Values)> series,
        string xLabel,
        string yLabel)
    {
        Guard.Path(path, nameof(path));
        ArgumentNullException.ThrowIfNull(title);
        Guard.NonEmpty(y, nameof(y));
        Guard.Series(series, y.Length, nameof(y), nameof(series));
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);

        var mode = y.Length <= 60 ? "lines+markers" : "lines";
        var figure = LineFigure(title, y, series, xLabel, yLabel, logX: false, logY: false, vertical: true, mode);
        figure.Layout["hovermode"] = "y unified";
        if (figure.Layout["xaxis"] is Dictionary<string, object?> xAxis)
        {
            xAxis["zeroline"] = true;
            xAxis["zerolinecolor"] = "#888";
            xAxis["zerolinewidth"] = 1;
        }

        figure.Write(path, title);
    }
}
