using System.Globalization;
using Science.Medida.Observations;

namespace Science.Cli;

/// <summary>
/// A progress bar over the interpolations of a pipeline run (two per snapshot), for interpolators without a finer
/// progress of their own (cubic, rbf, oi): advances as each interpolation completes, with its wall time. Thread-safe.
/// </summary>
public sealed class InterpolationCallProgress
{
    private readonly object _gate = new();
    private readonly ProgressBar _bar;
    private int _done;

    /// <summary>A bar for <paramref name="calls"/> interpolations.</summary>
    public InterpolationCallProgress(string label, int calls, bool quiet) => _bar = new ProgressBar(label, calls, quiet, "fields");

    /// <summary>Takes one completed interpolation.</summary>
    public void Report(SparseObservationCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_gate)
        {
            _done++;
            _bar.Report(_done, () => string.Create(CultureInfo.InvariantCulture,
                $"last: snapshot {call.Snapshot} at {(call.Time == ObservationTime.Start ? "t" : "t+Δt")} in {call.Seconds:F1} s"));
        }
    }

    /// <summary>Ends the bar.</summary>
    public void Finish()
    {
        lock (_gate) _bar.Finish();
    }
}
