using Science.Assimilation.Experiments;
using Science.Assimilation.Methods;
using Science.Assimilation.Statistics;

namespace Science.Assimilation.Runs;

/// <summary>
/// Everything one cycled run produced: the settings (experiment, method, seed), the scores per cycle and their time
/// means after the burn-in, the truth, the forecast and analysis means per cycle (K×n, state units), the analysis
/// increments, and the ensembles when asked for.
/// </summary>
public sealed record AssimilationRun
{
    /// <summary>The experiment.</summary>
    public required TwinExperiment Experiment { get; init; }
    /// <summary>The method and its settings.</summary>
    public required EnsembleMethod Method { get; init; }
    /// <summary>The run seed.</summary>
    public required int Seed { get; init; }
    /// <summary>The forecast executor's name, e.g. "inprocess".</summary>
    public required string Executor { get; init; }
    /// <summary>State size n.</summary>
    public required int StateSize { get; init; }
    /// <summary>Scores of every cycle.</summary>
    public required IReadOnlyList<CycleStatistics> Series { get; init; }
    /// <summary>Time means after the burn-in.</summary>
    public required RunSummary Summary { get; init; }
    /// <summary>
    /// The scores of every cycle per layer (K×L, cycle-major) when the experiment has L = <see cref="TwinExperiment.Layers"/>
    /// &gt; 1 layers, else null.
    /// </summary>
    public CycleStatistics[]? LayerSeries { get; init; }

    /// <summary>The time means after the burn-in of each layer (L entries), or empty without layers.</summary>
    public IReadOnlyList<RunSummary> LayerSummaries()
    {
        if (LayerSeries is null) return [];
        int layers = Experiment.Layers, burnIn = Experiment.Chronology.BurnInCycles;
        return [.. Enumerable.Range(0, layers).Select(l =>
            RunSummary.From([.. Enumerable.Range(0, Series.Count).Select(k => LayerSeries[k * layers + l])], burnIn))];
    }

    /// <summary>Truth and observations.</summary>
    public required TruthRun Truth { get; init; }
    /// <summary>mean(E_f) of every cycle (K×n).</summary>
    public required double[] ForecastMeans { get; init; }
    /// <summary>mean(E_a) of every cycle (K×n).</summary>
    public required double[] AnalysisMeans { get; init; }
    /// <summary>Forecast ensembles of every cycle (K×N×n, member-major within a cycle), or null.</summary>
    public double[]? ForecastEnsembles { get; init; }
    /// <summary>Analysis ensembles of every cycle (K×N×n), or null.</summary>
    public double[]? AnalysisEnsembles { get; init; }
    /// <summary>Wall-clock time of the run (not part of the written record, which must be reproducible).</summary>
    public TimeSpan Wall { get; init; }
    /// <summary>Wall-clock time of the analyses and their post-processing (inflation, RTPS, rotation), all cycles; not written.</summary>
    public TimeSpan AnalysisWall { get; init; }

    /// <summary>The analysis increment mean(E_a) − mean(E_f) of cycle <paramref name="cycle"/> into <paramref name="destination"/> (n, state units).</summary>
    public void Increment(int cycle, Span<double> destination)
    {
        int n = StateSize;
        System.Numerics.Tensors.TensorPrimitives.Subtract(AnalysisMeans.AsSpan(cycle * n, n), ForecastMeans.AsSpan(cycle * n, n), destination);
    }

    /// <summary>The increments of every cycle (K×n).</summary>
    public double[] Increments()
    {
        var d = new double[AnalysisMeans.Length];
        System.Numerics.Tensors.TensorPrimitives.Subtract(AnalysisMeans, ForecastMeans, d);
        return d;
    }
}
