using System.Globalization;
using Science.Medida.Observations;

namespace Science.Cli;

/// <summary>
/// One progress bar for all the network trainings of a pipeline run (two per snapshot: t_n and t_n + Δt, possibly
/// in parallel): steps done over all networks, steps/s, ETA and the latest loss of each network. Thread-safe.
/// </summary>
public sealed class TrainingProgress
{
    private readonly object _gate = new();
    private readonly Dictionary<(int Snapshot, ObservationTime Time), (long Done, double Loss)> _networks = [];
    private readonly ProgressBar _bar;
    private readonly long _stepsPerNetwork;
    private readonly int _networksExpected;

    /// <summary>A bar for <paramref name="networks"/> trainings of <paramref name="stepsPerNetwork"/> steps each.</summary>
    public TrainingProgress(string label, int networks, long stepsPerNetwork, bool quiet)
    {
        _networksExpected = Math.Max(1, networks);
        _stepsPerNetwork = Math.Max(1, stepsPerNetwork);
        _bar = new ProgressBar(label, _networksExpected * _stepsPerNetwork, quiet);
    }

    /// <summary>Takes one report of one network.</summary>
    public void Report(InterpolationProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        lock (_gate)
        {
            _networks[(p.Snapshot, p.Time)] = (Math.Min(p.Done, _stepsPerNetwork), p.Value);
            long done = 0;
            foreach (var n in _networks.Values) done += n.Done;
            _bar.Report(Math.Min(done, _networksExpected * _stepsPerNetwork), Status);
        }
    }

    /// <summary>Ends the bar.</summary>
    public void Finish()
    {
        lock (_gate) _bar.Finish();
    }

    private string Status()
    {
        var losses = _networks.OrderBy(n => n.Key.Snapshot).ThenBy(n => n.Key.Time)
            .Select(n => n.Value.Loss.ToString("E2", CultureInfo.InvariantCulture));
        return $"networks {_networks.Count}/{_networksExpected} loss {string.Join(" ", losses.TakeLast(4))}";
    }
}
