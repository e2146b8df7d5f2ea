using Science.Assimilation.Experiments;
using Science.Assimilation.Statistics;

namespace Science.Assimilation.Cycling;

/// <summary>How a cycled assimilation runs (none of these change the results).</summary>
public sealed record AssimilationOptions
{
    /// <summary>Threads for the forecasts and the local analyses: −1 = all cores, else in [1, 1024]. Results are
    /// bit-identical whatever the value.</summary>
    public int Threads
    {
        get;
        init => field = value == -1 || value is >= 1 and <= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(Threads), value, "threads must be −1 (all cores) or in [1, 1024]");
    } = -1;

    /// <summary>Keep the forecast and analysis ensembles of every cycle in the run record (K·N·n values each).</summary>
    public bool StoreEnsembles { get; init; }

    /// <summary>Called after each cycle with its scores (for progress displays).</summary>
    public Action<CycleStatistics>? Progress { get; init; }

    /// <summary>Makes the forecast executor for an experiment and ensemble size; null = <see cref="InProcessExecutor"/>.</summary>
    public Func<TwinExperiment, int, int, IEnsembleExecutor>? ExecutorFactory { get; init; }
}
