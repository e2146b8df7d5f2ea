using Science.Numerics;

namespace Science.Assimilation.Experiments;

/// <summary>
/// The truth and the synthetic observations of a twin experiment: x at every analysis time (K×n, cycle-major) and
/// y = Hx + ε (K×m), ε ~ N(0, R) drawn per cycle from its own seed.
/// </summary>
public sealed class TruthRun
{
    private TruthRun(int n, int m, double[] initial, double[] truth, double[] observations)
    {
        StateSize = n; ObservationSize = m; Initial = initial; Truth = truth; Observations = observations;
    }

    /// <summary>State size n.</summary>
    public int StateSize { get; }
    /// <summary>Observation size m.</summary>
    public int ObservationSize { get; }
    /// <summary>The true state at t = 0 (one draw of X0).</summary>
    public double[] Initial { get; }
    /// <summary>The true state at the analysis time of every cycle (K×n).</summary>
    public double[] Truth { get; }
    /// <summary>The observation of every cycle (K×m).</summary>
    public double[] Observations { get; }

    /// <summary>The truth at cycle <paramref name="cycle"/>.</summary>
    public ReadOnlySpan<double> TruthAt(int cycle) => Truth.AsSpan(cycle * StateSize, StateSize);
    /// <summary>The observation at cycle <paramref name="cycle"/>.</summary>
    public ReadOnlySpan<double> ObservationAt(int cycle) => Observations.AsSpan(cycle * ObservationSize, ObservationSize);

    /// <summary>Runs the truth of <paramref name="experiment"/>: its initial draw from <paramref name="truthSeed"/>, its
    /// observation noise at cycle k from <c>SeedSequence.Derive(observationSeed, k)</c>.</summary>
    public static TruthRun Generate(TwinExperiment experiment, int truthSeed, int observationSeed)
    {
        int n = experiment.Validate();
        var chrono = experiment.Chronology;
        int m = experiment.Observation.ObservationSize, k = chrono.Cycles;
        var x0 = new double[n];
        if (experiment.InitialTruth is { } start) for (int i = 0; i < n; i++) x0[i] = start[i];
        else experiment.X0.Draw(truthSeed, 1, x0);
        var truth = new double[k * n];
        var obs = new double[k * m];
        var noise = new double[m];
        var state = new double[n];
        using var model = experiment.TruthModel.Factory();
        model.SetState(x0);
        for (int c = 0; c < k; c++)
        {
            model.Advance(chrono.StepsBefore(c));
            model.CopyState(state);
            state.CopyTo(truth, c * n);
            var y = obs.AsSpan(c * m, m);
            experiment.Observation.Apply(state, y);
            experiment.Noise.Draw(SeedSequence.Derive(observationSeed, c), noise);
            System.Numerics.Tensors.TensorPrimitives.Add(y, noise, y);
        }
        return new TruthRun(n, m, x0, truth, obs);
    }
}
