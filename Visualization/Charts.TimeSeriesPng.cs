using Science.Numerics.IO;
using System.Globalization;
using ScottPlot;

namespace Science.Visualization;

public static partial class Charts
{
    /// <summary>
    /// Writes a PNG line chart of one or more series against time (the static counterpart of
    /// <see cref="TimeSeries"/>), drawn headlessly with ScottPlot.
    /// </summary>
    /// <param name="path">Output PNG file; replaced atomically if it exists.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="time">The shared abscissa.</param>
    /// <param name="series">Named series, each as long as <paramref name="time"/>.</param>
    /// <param name="xLabel">Label of the time axis.</param>
    /// <param name="yLabel">Label of the value axis.</param>
    /// <param name="logY">Use a logarithmic value axis (non-positive values are left out).</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <exception cref="ArgumentException">A length mismatch, an empty input, a non-positive size or a null argument; the exception names the parameter.</exception>
    public static void TimeSeriesPng(
        string path,
        string title,
        double[] time,
        IReadOnlyList<(string Name, double[] Values)> series,
        string xLabel,
        string yLabel,
        bool logY = false,
        int width = 900,
        int height = 500)
    {
        Guard.Path(path, nameof(path));
        ArgumentNullException.ThrowIfNull(title);
        Guard.NonEmpty(time, nameof(time));
        Guard.Series(series, time.Length, nameof(time), nameof(series));
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        using var plot = new Plot();
        for (int i = 0; i < series.Count; i++)
        {
            var (name, values) = series[i];
            var (x, y) = PlotlyParts.Points(time, values, positiveX: false, positiveY: logY);
            if (logY)
            {
                y = Array.ConvertAll(y, Math.Log10);
            }

            var line = plot.Add.ScatterLine(x, y, Color.FromHex(PlotlyParts.Palette[i % PlotlyParts.Palette.Length]));
            line.LegendText = name;
            line.LineWidth = 2;
        }

        if (logY)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                IntegerTicksOnly = true,
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                LabelFormatter = v => Math.Pow(10, v).ToString("g3", CultureInfo.InvariantCulture),
            };
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Right);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(width, height, ImageFormat.Png));
    }
}
