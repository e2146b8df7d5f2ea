using System.Diagnostics;
using System.Globalization;

namespace Science.Cli;

/// <summary>
/// A progress bar on standard error: redrawn in place on a terminal (at most 10 times a second), or one line per
/// 10% when the output is redirected (logs, CI). Shows steps, steps/s, ETA and a caller-supplied status.
/// </summary>
public sealed class ProgressBar
{
    private readonly long _total;
    private readonly string _label;
    private readonly bool _interactive;
    private readonly bool _quiet;
    private readonly string _unit;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;
    private int _lastDecile = -1;

    /// <summary>Creates a bar for <paramref name="total"/> units of work (named <paramref name="unit"/> in the rate).</summary>
    public ProgressBar(string label, long total, bool quiet = false, string unit = "steps")
    {
        _unit = unit;
        _label = label;
        _total = Math.Max(1, total);
        _quiet = quiet;
        _interactive = !Console.IsErrorRedirected;
    }

    /// <summary>Elapsed wall time.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Reports <paramref name="done"/> units finished; <paramref name="status"/> is computed only when drawn.</summary>
    public void Report(long done, Func<string>? status = null)
    {
        if (_quiet) return;
        long ms = _clock.ElapsedMilliseconds;
        int decile = (int)(10 * done / _total);
        bool draw = _interactive ? ms - _lastDrawMs >= 100 || done == _total : decile != _lastDecile;
        if (!draw) return;
        _lastDrawMs = ms;
        _lastDecile = decile;
        double seconds = Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
        double rate = done / seconds;
        double eta = rate > 0 ? (_total - done) / rate : double.NaN;
        int width = 28, filled = (int)(width * done / _total);
        string bar = new string('#', filled) + new string('.', width - filled);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{_label} [{bar}] {done}/{_total} {Rate(rate),7} {_unit}/s ETA {Format(eta)} {status?.Invoke()}");
        if (_interactive) Console.Error.Write("\r" + line.PadRight(120));
        else Console.Error.WriteLine(line);
    }

    /// <summary>Ends the bar (a newline on a terminal).</summary>
    public void Finish()
    {
        if (!_quiet && _interactive) Console.Error.WriteLine();
    }

    /// <summary>One decimal from 10 up, three significant digits below (a slow rate is not shown as 0.0).</summary>
    private static string Rate(double rate) =>
        rate >= 10 ? rate.ToString("F1", CultureInfo.InvariantCulture) : rate.ToString("G3", CultureInfo.InvariantCulture);

    private static string Format(double seconds) =>
        double.IsFinite(seconds) ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--";
}
