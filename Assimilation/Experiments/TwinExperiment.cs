using Science.Observing;

namespace Science.Assimilation.Experiments;

/// <summary>
/// A twin experiment in DAPPER's shape (<c>HiddenMarkovModel(Dyn, Obs, tseq, X0)</c>): the dynamics, the observation
/// operator H and its noise R, the chronology, the initial distribution, and (for local methods) where the state and
/// the observations sit. The truth is a free run of the dynamics from one draw of X0; y = Hx + ε at every cycle.
/// </summary>
/// <param name="Name">The experiment name (a preset name such as "l96-sakov2008", or a free name).</param>
/// <param name="Dynamics">The model.</param>
/// <param name="Observation">H.</param>
/// <param name="Noise">R (diagonal).</param>
/// <param name="Chronology">Time line.</param>
/// <param name="X0">Initial distribution of truth and ensemble.</param>
/// <param name="Domain">State and observation positions and batches for localisation, or null.</param>
public sealed record TwinExperiment(string Name, ModelSpec Dynamics, IObservationOperator Observation, ObservationError Noise, Chronology Chronology,
    InitialDistribution X0, LocalisationDomain? Domain = null)
{
    /// <summary>
    /// The dynamics of the truth when they differ from the ensemble's (an imperfect-model twin: the truth runs
    /// <see cref="TruthDynamics"/>, the members <see cref="Dynamics"/>); null = a perfect-model twin.
    /// </summary>
    public ModelSpec? TruthDynamics { get; init; }

    /// <summary>
    /// How a multi-level model (the QG leapfrog) takes each analysis: <see cref="Models.LevelUpdate.Continue"/> (the
    /// default) adds the analysis change to both time levels and keeps the leapfrog going; <see cref="Models.LevelUpdate.Restart"/>
    /// restarts every member with a forward step. Single-level models (Lorenz, KS) are unaffected.
    /// </summary>
    public Models.LevelUpdate AnalysisUpdate { get; init; } = Models.LevelUpdate.Continue;

    /// <summary>
    /// Cycles after whose analysis every member restarts with a forward step whatever <see cref="AnalysisUpdate"/> says
    /// (MEDIDA's assimilated increments: the one-step forecast from a snapshot's analysis is then the same forward step
    /// as the increment's model forecast); null = none.
    /// </summary>
    public IReadOnlySet<int>? RestartAfterCycles { get; init; }

    /// <summary>How the members take the analysis of cycle <paramref name="cycle"/>.</summary>
    public Models.LevelUpdate UpdateAfter(int cycle) =>
        RestartAfterCycles is { } r && r.Contains(cycle) ? Models.LevelUpdate.Restart : AnalysisUpdate;

    /// <summary>
    /// The number of equal, contiguous layers the state vector is made of (2 for QG ψ <c>[layer, y, x]</c>), for the
    /// per-layer scores; 1 = no layers. Must divide the state size.
    /// </summary>
    public int Layers
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Layers), value, "the number of layers must be ≥ 1");
    } = 1;

    /// <summary>
    /// The exact state the truth starts from, or null for a draw of <see cref="X0"/> (DAPPER's convention). MEDIDA's
    /// assimilated increments start the truth at the given state so that its snapshots are those of the experiment.
    /// </summary>
    public IReadOnlyList<double>? InitialTruth { get; init; }

    /// <summary>The dynamics of the truth run: <see cref="TruthDynamics"/> or, for a perfect-model twin, <see cref="Dynamics"/>.</summary>
    public ModelSpec TruthModel => TruthDynamics ?? Dynamics;

    /// <summary>
    /// Checks that the pieces fit: H accepts the model's state, R has one σ per observation, x0 has the model's size.
    /// Returns the model's state size.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A piece does not fit, naming it and the expected size.</exception>
    public int Validate()
    {
        int n;
        using (var model = Dynamics.Factory()) n = model.StateSize;
        if (TruthDynamics is not null)
        {
            using var truth = TruthDynamics.Factory();
            if (truth.StateSize != n)
                throw new ArgumentOutOfRangeException(nameof(TruthDynamics), truth.StateSize, $"the truth model has {truth.StateSize} state values; the ensemble's {Dynamics.Name} model has {n}");
        }
        if (n % Layers != 0)
            throw new ArgumentOutOfRangeException(nameof(Layers), Layers, $"the {n} state values cannot be cut into {Layers} equal layers");
        if (Observation.StateSize != n)
            throw new ArgumentOutOfRangeException(nameof(Observation), Observation.StateSize, $"the observation operator takes states of {Observation.StateSize} values; the {Dynamics.Name} model has {n}");
        if (Noise.Size != Observation.ObservationSize)
            throw new ArgumentOutOfRangeException(nameof(Noise), Noise.Size, $"R must have one standard deviation per observation ({Observation.ObservationSize})");
        if (InitialTruth is not null && InitialTruth.Count != n)
            throw new ArgumentOutOfRangeException(nameof(InitialTruth), InitialTruth.Count, $"the initial truth must have the model's {n} values");
        if (X0.Size != n)
            throw new ArgumentOutOfRangeException(nameof(X0), X0.Size, $"x0 must have the model's {n} values");
        if (Domain is not null && (Domain.StatePositions.Count != n || Domain.ObservationPositions.Count != Observation.ObservationSize))
            throw new ArgumentOutOfRangeException(nameof(Domain), "the localisation domain must have one position per state variable and per observation");
        return n;
    }
}
