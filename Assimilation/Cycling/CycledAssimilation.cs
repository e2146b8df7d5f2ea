using System.Diagnostics;
using System.Numerics.Tensors;
using Science.Assimilation.Analysis;
using Science.Assimilation.Experiments;
using Science.Assimilation.Methods;
using Science.Assimilation.Runs;
using Science.Assimilation.Statistics;
using Science.Models;
using Science.Models.Ensembles;

namespace Science.Assimilation.Cycling;

/// <summary>
/// The cycled twin experiment (DAPPER's <c>assimilate</c> loop): truth and observations, the initial ensemble of N
/// draws of X0, then for each cycle a forecast of dko steps, the analysis, the post-processing of the anomalies, and
/// the scores before and after. Deterministic: every draw derives from the run seed (<see cref="RunSeeds"/>).
/// </summary>
public static class CycledAssimilation
{
    /// <summary>Runs <paramref name="method"/> on <paramref name="experiment"/> with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The experiment's pieces or the method do not fit.</exception>
    /// <exception cref="ModelBlowUpException">A member's forecast blew up (the message names the member and cycle).</exception>
    public static AssimilationRun Run(TwinExperiment experiment, EnsembleMethod method, int seed, AssimilationOptions options)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        int n = experiment.Validate();
        method.Validate(experiment);
        var chrono = experiment.Chronology;
        if (chrono.BurnInCycles >= chrono.Cycles)
            throw new ArgumentOutOfRangeException(nameof(experiment), chrono.BurnInCycles, $"the burn-in must be in [0, {chrono.Cycles - 1}] cycles");
        int members = method.Members, cycles = chrono.Cycles;
        var truth = TruthRun.Generate(experiment, RunSeeds.Truth(seed), RunSeeds.Observations(seed));

        var ensemble = new Ensemble(members, n);
        experiment.X0.Draw(RunSeeds.Ensemble(seed), members, ensemble.Data);
        var analysis = method.CreateAnalysis(experiment, n, options.Threads);
        var post = new AnomalyPostProcessor(members, n, method.Inflation, method.Rtps, method.Rotate);
        using var executor = options.ExecutorFactory?.Invoke(experiment, members, options.Threads)
            ?? new InProcessExecutor(experiment.Dynamics.Factory, members, options.Threads);
        executor.SetStates(ensemble, 0, 0);

        var forecastMeans = new double[cycles * n];
        var analysisMeans = new double[cycles * n];
        double[]? forecastEnsembles = options.StoreEnsembles ? new double[cycles * members * n] : null;
        double[]? analysisEnsembles = options.StoreEnsembles ? new double[cycles * members * n] : null;
        var series = new CycleStatistics[cycles];
        var mean = new double[n];
        var anomalies = new double[members * n];
        var spreadF = new double[n];
        var spreadA = new double[n];
        try
        {
            for (int k = 0; k < cycles; k++)
            {
                int blown = executor.Forecast(ensemble, chrono.Dko);
                if (blown > 0)
                {
                    int first = Enumerable.Range(0, members).First(i => !ensemble.Status[i].IsHealthy);
                    var status = ensemble.Status[first];
                    throw new ModelBlowUpException(status.Step, chrono.AnalysisTime(k), $"member {first}", $"blew up in the forecast of cycle {k} ({blown} of {members} members): {status.Message}");
                }
                var x = truth.TruthAt(k);
                Dense.Centre(ensemble.Data, members, n, mean, anomalies);
                EnsembleStatistics.Spread(anomalies, members, n, spreadF);
                double rmseF = EnsembleStatistics.Rmse(mean, x), sprF = EnsembleStatistics.RootMeanVariance(spreadF);
                mean.CopyTo(forecastMeans, k * n);
                if (forecastEnsembles is not null) ensemble.Data.CopyTo(forecastEnsembles.AsSpan(k * members * n, members * n));

                analysis.Analyse(ensemble.Data, truth.ObservationAt(k), x, RunSeeds.Analysis(seed, k));
                post.Apply(ensemble.Data, spreadF, RunSeeds.Rotation(seed, k));
                if (!double.IsFinite(TensorPrimitives.Sum(ensemble.Data)))
                    throw new ModelBlowUpException((k + 1L) * chrono.Dko, chrono.AnalysisTime(k), "analysis", $"is not finite at cycle {k}");

                Dense.Centre(ensemble.Data, members, n, mean, anomalies);
                EnsembleStatistics.Spread(anomalies, members, n, spreadA);
                mean.CopyTo(analysisMeans, k * n);
                if (analysisEnsembles is not null) ensemble.Data.CopyTo(analysisEnsembles.AsSpan(k * members * n, members * n));
                var stats = new CycleStatistics(k, chrono.AnalysisTime(k), rmseF, EnsembleStatistics.Rmse(mean, x), sprF, EnsembleStatistics.RootMeanVariance(spreadA));
                series[k] = stats;
                executor.SetStates(ensemble, stats.Time, (k + 1L) * chrono.Dko);
                options.Progress?.Invoke(stats);
            }
        }
        finally
        {
            (analysis as IDisposable)?.Dispose();
        }
        return new AssimilationRun
        {
            Experiment = experiment,
            Method = method,
            Seed = seed,
            Executor = executor.Name,
            Series = series,
            Summary = RunSummary.From(series, chrono.BurnInCycles),
            StateSize = n,
            Truth = truth,
            ForecastMeans = forecastMeans,
            AnalysisMeans = analysisMeans,
            ForecastEnsembles = forecastEnsembles,
            AnalysisEnsembles = analysisEnsembles,
            Wall = clock.Elapsed,
        };
    }
}
