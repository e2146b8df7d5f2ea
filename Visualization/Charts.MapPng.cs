using Science.Numerics.IO;
using ScottPlot;

namespace Science.Visualization;

public static partial class Charts
{
    /// <summary>
    /// Writes a PNG heatmap of one two-dimensional field with a colour bar (the static counterpart of one
    /// panel of <see cref="Maps"/>), drawn headlessly with ScottPlot. A field that takes both signs gets a
    /// diverging colour map symmetric about zero; any other field gets Viridis.
    /// </summary>
    /// <param name="path">Output PNG file; replaced atomically if it exists.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="x">Grid coordinates along x (columns), monotonic and evenly spaced.</param>
    /// <param name="y">Grid coordinates along y (rows), monotonic and evenly spaced.</param>
    /// <param name="field">The field stored row-major as [y, x]: value (j, i) at index j * x.Length + i.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="xLabel">Label of the horizontal axis.</param>
    /// <param name="yLabel">Label of the vertical axis (e.g. "t" for a space–time diagram).</param>
    /// <exception cref="ArgumentException">A length mismatch, an empty input, a non-positive size or a null argument; the exception names the parameter.</exception>
    public static void MapPng(
        string path,
        string title,
        double[] x,
        double[] y,
        double[] field,
        int width = 700,
        int height = 600,
        string xLabel = "x",
        string yLabel = "y")
    {
        Guard.Path(path, nameof(path));
        ArgumentNullException.ThrowIfNull(title);
        Guard.NonEmpty(x, nameof(x));
        Guard.NonEmpty(y, nameof(y));
        ArgumentNullException.ThrowIfNull(field);
        if (field.Length != x.Length * y.Length)
        {
            throw new ArgumentException(
                $"The field has {field.Length} values but y.Length * x.Length = {y.Length} * {x.Length} = {x.Length * y.Length}.",
                nameof(field));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        int nx = x.Length, ny = y.Length;
        bool xAscending = x[^1] >= x[0];
        bool yAscending = y[^1] >= y[0];

        // ScottPlot draws row 0 of the array at the top: put the largest y there.
        var intensities = new double[ny, nx];
        for (int j = 0; j < ny; j++)
        {
            int row = yAscending ? ny - 1 - j : j;
            for (int i = 0; i < nx; i++)
            {
                int column = xAscending ? i : nx - 1 - i;
                intensities[row, column] = field[j * nx + i];
            }
        }

        using var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        double xMin = Math.Min(x[0], x[^1]), xMax = Math.Max(x[0], x[^1]);
        double yMin = Math.Min(y[0], y[^1]), yMax = Math.Max(y[0], y[^1]);
        if (nx > 1 && ny > 1 && xMax > xMin && yMax > yMin)
        {
            // Position gives the centres of the corner cells.
            heatmap.Position = new CoordinateRect(xMin, xMax, yMin, yMax);
        }

        var (min, max) = FiniteRange(field);
        if (min < 0 && max > 0)
        {
            double bound = Math.Max(-min, max);
            heatmap.Colormap = new ScottPlot.Colormaps.Balance();
            heatmap.ManualRange = new ScottPlot.Range(-bound, bound);
        }
        else
        {
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        }

        plot.Add.ColorBar(heatmap);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Margins(0, 0);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(width, height, ImageFormat.Png));
    }
}
