using Science.Assimilation.Analysis;
using Science.Assimilation.Experiments;

namespace Science.Assimilation.Methods;

/// <summary>
/// The first MEDIDA paper's EnKF (<see cref="KsReferenceEnkf"/>) as a cycled method: H = I, the clean truth as the
/// observation, per-member ε_i ~ N(0, σ_m² I), full P_f and an explicit inverse. For fidelity to the paper keep
/// <see cref="EnsembleMethod.Inflation"/> = 1, no RTPS and no rotation.
/// </summary>
public sealed record KsReference : EnsembleMethod
{
    /// <summary>σ_m (the reference's NOISE_MAG), an absolute standard deviation in state units, in [0, 1e6].</summary>
    public double NoiseMagnitude
    {
        get;
        init => field = value is >= 0 and <= 1e6 ? value : throw new ArgumentOutOfRangeException(nameof(NoiseMagnitude), value, "the noise magnitude must be in [0, 1000000]");
    } = 0.01;

    /// <inheritdoc/>
    public override string Kind => "ks-reference";

    /// <inheritdoc/>
    public override void Validate(TwinExperiment experiment)
    {
        if (experiment.Observation.ObservationSize != experiment.Observation.StateSize)
            throw new ArgumentOutOfRangeException(nameof(experiment), "the KS-reference EnKF observes every grid point (H = I)");
    }

    /// <inheritdoc/>
    public override IEnsembleAnalysis CreateAnalysis(TwinExperiment experiment, int stateSize, int threads) =>
        new KsReferenceAnalysis(Members, stateSize, NoiseMagnitude);
}
