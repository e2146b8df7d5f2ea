using Science.Assimilation.Cycling;
using Science.Assimilation.Experiments;
using Science.Assimilation.Runs;
using Science.Assimilation.Statistics;
using Science.Medida.Cases;
using Science.QgModel;

namespace Science.Medida.Assimilated;

/// <summary>
/// The truth and the state estimates of assimilated increments: the truth runs from the start state with the truth
/// parameters; an ensemble filter is cycled on its noisy sensor observations, first for <see cref="AssimilationSettings.Spinup"/>
/// cycles of <see cref="AssimilationSettings.AnalysisEvery"/> steps, then through the snapshots, which are
/// <c>every</c> steps apart. At each snapshot time t there is an analysis, the members restart with a forward step
/// (the increment's model forecast is one too), and the next analysis is at t + Δt; between snapshots the filter cycles
/// every <see cref="AssimilationSettings.AnalysisEvery"/> steps with the leapfrog continued.
/// </summary>
public static class AssimilatedTruth
{
    /// <summary>The result: truth snapshots, their estimator, and the cycled run (scores per cycle and layer).</summary>
    /// <param name="Snapshots">The truth at the snapshot times (ψ only).</param>
    /// <param name="Estimator">Analysis means at the snapshot times and one step later.</param>
    /// <param name="Run">The cycled assimilation.</param>
    public sealed record Result(IReadOnlyList<QgState> Snapshots, AssimilatedObservation Estimator, AssimilationRun Run);

    /// <summary>The analysis schedule: steps before each cycle, and the cycles at each snapshot and one step later.</summary>
    public static (int[] Steps, int[] StartCycles, int[] EndCycles) Schedule(int spinup, int analysisEvery, int snapshots, long every)
    {
        if (every < 2) throw new ArgumentOutOfRangeException(nameof(every), every, "assimilated increments need snapshots at least 2 steps apart");
        var steps = new List<int>();
        for (int k = 0; k < spinup; k++) steps.Add(analysisEvery);
        var start = new int[snapshots];
        var end = new int[snapshots];
        for (int s = 0; s < snapshots; s++)
        {
            start[s] = steps.Count - 1;
            steps.Add(1);
            end[s] = steps.Count - 1;
            if (s == snapshots - 1) break;
            long left = every - 1;
            while (left > 0)
            {
                int d = (int)Math.Min(analysisEvery, left);
                steps.Add(d);
                left -= d;
            }
        }
        return ([.. steps], start, end);
    }

    /// <summary>Runs the truth and the filter.</summary>
    /// <param name="start">The truth's start state.</param>
    /// <param name="errorCase">The case: its truth runs the truth, its model the members when <see cref="AssimilationSettings.Background"/> is "model".</param>
    /// <param name="sensors">The sensor specification (as <c>--sensors</c>).</param>
    /// <param name="sensorSeed">Seed of a random layout.</param>
    /// <param name="noise">Observation σ relative to each layer's ψ std in the start state.</param>
    /// <param name="seed">Seed of the observation noise and the ensemble.</param>
    /// <param name="snapshots">Snapshot count.</param>
    /// <param name="every">Steps between snapshots.</param>
    /// <param name="settings">The filter.</param>
    /// <param name="progress">Called after each cycle.</param>
    public static Result Run(QgState start, ModelErrorCase errorCase, string sensors, int sensorSeed, double noise, int seed, int snapshots, long every,
        AssimilationSettings settings, Action<CycleStatistics>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(errorCase);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var (steps, startCycles, endCycles) = Schedule(settings.Spinup, settings.AnalysisEvery, snapshots, every);
        var twin = new QgTwinSettings
        {
            State = "",
            Sensors = sensors,
            SensorSeed = sensorSeed,
            Noise = noise,
            Climatology = settings.Climatology,
            ClimatologyEvery = settings.ClimatologyEvery,
            InitialSpread = settings.InitialSpread,
            Batch = settings.Batch,
        };
        var truth = errorCase.Truth;
        var chronology = new Chronology(truth.Dt, settings.AnalysisEvery, steps.Length, Math.Min(settings.Spinup, steps.Length - 1)) { Schedule = steps };
        var x0 = start.Psi.ToArray();
        var experiment = QgTwin.Build(start.Grid, x0, truth, settings.Background == "model" ? errorCase.Model : null, twin, chronology) with
        {
            InitialTruth = x0,
            RestartAfterCycles = startCycles.ToHashSet(),
        };
        var run = CycledAssimilation.Run(experiment, settings.ToMethod(), seed, new AssimilationOptions { Progress = progress });
        int n = run.StateSize;
        var states = new QgState[snapshots];
        for (int s = 0; s < snapshots; s++)
        {
            int c = startCycles[s];
            states[s] = new QgState(start.Grid, run.Truth.TruthAt(c), [], start.Time + chronology.AnalysisTime(c), start.Step + chronology.AnalysisStep(c));
        }
        string name = $"{settings.Method} N={settings.Members} ({settings.Background} background)";
        return new Result(states, new AssimilatedObservation(name, run.AnalysisMeans, run.Truth.Truth, n, startCycles, endCycles), run);
    }
}
