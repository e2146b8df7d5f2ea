namespace Science.Visualization;

public static partial class Charts
{
    /// <summary>
    /// Writes an HTML chart of spectra against wavenumber on a logarithmic value axis
    /// (and, by default, a logarithmic wavenumber axis). Non-positive values, and non-positive
    /// wavenumbers on a logarithmic wavenumber axis, are left out.
    /// </summary>
    /// <param name="path">Output HTML file; replaced atomically if it exists.</param>
    /// <param name="title">Chart and page title.</param>
    /// <param name="wavenumber">The shared abscissa.</param>
    /// <param name="series">Named spectra, each as long as <paramref name="wavenumber"/>.</param>
    /// <param name="xLabel">Label of the wavenumber axis.</param>
    /// <param name="yLabel">Label of the spectral density axis.</param>
    /// <param name="logX">Use a logarithmic wavenumber axis.</param>
    /// <exception cref="ArgumentException">A length mismatch, an empty input or a null argument; the exception names the parameter.</exception>
    public static void Spectra(
        string path,
        string title,
        double[] wavenumber,
        IReadOnlyList<(string Name, double[] Values)> series,
        string xLabel,
        string yLabel,
        bool logX = true)
    {
        Guard.Path(path, nameof(path));
        ArgumentNullException.ThrowIfNull(title);
        Guard.NonEmpty(wavenumber, nameof(wavenumber));
        Guard.Series(series, wavenumber.Length, nameof(wavenumber), nameof(series));
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);

        var mode = wavenumber.Length <= 60 ? "lines+markers" : "lines";
        var figure = LineFigure(title, wavenumber, series, xLabel, yLabel, logX, logY: true, vertical: false, mode);
        figure.Write(path, title);
    }
}
