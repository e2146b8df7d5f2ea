namespace Science.Visualization;

public static partial class Charts
{
    /// <summary>
    /// Writes an HTML line chart of one or more series against time, e.g. the kinetic energy of each layer.
    /// </summary>
    /// <param name="path">Output HTML file; replaced atomically if it exists.</param>
    /// <param name="title">Chart and page title.</param>
    /// <param name="time">The shared abscissa.</param>
    /// <param name="series">Named series, each as long as <paramref name="time"/>.</param>
    /// <param name="xLabel">Label of the time axis.</param>
    /// <param name="yLabel">Label of the value axis.</param>
    /// <param name="logY">Use a logarithmic value axis (non-positive values are left out).</param>
    /// <exception cref="ArgumentException">A length mismatch, an empty input or a null argument; the exception names the parameter.</exception>
    public static void TimeSeries(
        string path,
        string title,
        double[] time,
        IReadOnlyList<(string Name, double[] Values)> series,
        string xLabel,
        string yLabel,
        bool logY = false)
    {
        Guard.Path(path, nameof(path));
        ArgumentNullException.ThrowIfNull(title);
        Guard.NonEmpty(time, nameof(time));
        Guard.Series(series, time.Length, nameof(time), nameof(series));
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);

        var mode = time.Length <= 60 ? "lines+markers" : "lines";
        var figure = LineFigure(title, time, series, xLabel, yLabel, logX: false, logY, vertical: false, mode);
        figure.Layout["hovermode"] = "x unified";
        figure.Write(path, title);
    }
}
