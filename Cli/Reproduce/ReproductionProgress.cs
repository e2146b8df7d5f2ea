using System.Diagnostics;
using System.Globalization;

namespace Science.Cli.Reproduce;

/// <summary>
/// The progress display of a reproduction on standard error: one line per step with the part, the step, the elapsed
/// time and the ETA of the whole run. The ETA is the planned seconds of the steps still to do, scaled by how the steps
/// done so far compared with their plan.
/// </summary>
public sealed class ReproductionProgress
{
    private readonly TextWriter? _out;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _remainingPlanned;
    private double _donePlanned;
    private double _doneActual;
    private string _part = "";
    private int _partIndex, _partCount;

    /// <summary>A display writing to <paramref name="output"/> (null = silent).</summary>
    /// <param name="output">Where the lines go (standard error in the CLI), or null.</param>
    /// <param name="plannedSeconds">The estimated seconds of every step the run will do.</param>
    public ReproductionProgress(TextWriter? output, double plannedSeconds)
    {
        _out = output;
        _remainingPlanned = plannedSeconds;
    }

    /// <summary>Elapsed wall time of the run.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Starts part <paramref name="index"/> (1-based) of <paramref name="count"/>.</summary>
    public void BeginPart(string part, int index, int count)
    {
        _part = part;
        _partIndex = index;
        _partCount = count;
    }

    /// <summary>A free line (e.g. "skipping ks: done"), with the elapsed time.</summary>
    public void Line(string text) => _out?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Format(Elapsed.TotalSeconds)}] {text}"));

    /// <summary>A step begins; <paramref name="step"/> is 1-based of <paramref name="steps"/>.</summary>
    public void BeginStep(WorkUnit unit, int step, int steps) =>
        Line($"{_part} ({_partIndex}/{_partCount}) step {step}/{steps}: {unit.Label} … ETA {Format(Eta())}");

    /// <summary>A detail within the running step.</summary>
    public void Detail(string text) => Line($"{_part}   {text}");

    /// <summary>A step ended after <paramref name="seconds"/>; <paramref name="skipped"/> when its saved result was reused.</summary>
    public void EndStep(WorkUnit unit, double seconds, bool skipped)
    {
        _remainingPlanned = Math.Max(0, _remainingPlanned - unit.ReferenceSeconds);
        if (!skipped)
        {
            _donePlanned += unit.ReferenceSeconds;
            _doneActual += seconds;
            Line(string.Create(CultureInfo.InvariantCulture, $"{_part}   {unit.Key} done in {seconds:F1} s"));
        }
        else Line($"{_part}   {unit.Key}: done earlier, reused");
    }

    /// <summary>The estimated seconds still to go.</summary>
    public double Eta()
    {
        double ratio = _donePlanned > 1 ? Math.Clamp(_doneActual / _donePlanned, 0.25, 4) : 1;
        return _remainingPlanned * ratio;
    }

    /// <summary>h:mm:ss.</summary>
    public static string Format(double seconds) =>
        double.IsFinite(seconds) ? TimeSpan.FromSeconds(Math.Round(Math.Max(0, seconds))).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--";
}
