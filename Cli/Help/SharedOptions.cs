namespace Science.Cli.Help;

/// <summary>Options several commands share, worded once.</summary>
internal static class SharedOptions
{
    /// <summary>The FFT backends of <c>--fft</c>.</summary>
    public static readonly string[] FftBackends = ["auto", "managed", "fftw"];

    public static CliOption Fft => CliOption.Choice("fft", FftBackends,
        "FFT backend: auto picks the fastest measured backend (currently managed), managed is the built-in FFT, fftw " +
        "needs libfftw3 (else a usage error). Results agree to round-off.", "auto");

    public static CliOption Quiet => CliOption.Flag("quiet", "No start line, progress bar or notes on standard error.");

    public static CliOption NoCharts => CliOption.Flag("no-charts", "Do not write the HTML charts.");

    /// <summary><c>--seed</c>: 0 … int.MaxValue, default 0, with what the seed drives.</summary>
    public static CliOption Seed(string drives) =>
        CliOption.Integer("seed", "S", 0, int.MaxValue, drives, "0");

    public static CliOption ListInterpolators => CliOption.Flag("list-interpolators",
        "Print the interpolator names, separated by spaces, and exit (ignores the other options).") with { Early = true };
}
