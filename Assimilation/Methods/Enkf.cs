using Science.Assimilation.Analysis;
using Science.Assimilation.Experiments;

namespace Science.Assimilation.Methods;

/// <summary>
/// The stochastic perturbed-observation EnKF (DAPPER's <c>EnKF('PertObs', N, infl)</c>): C = YᵀY + (N−1)R, D ~ N(0,R)
/// re-centred to zero mean, E += K(y − D − HE) in ensemble or observation space (whichever is smaller).
/// </summary>
public sealed record Enkf : EnsembleMethod
{
    /// <inheritdoc/>
    public override string Kind => "enkf";

    /// <inheritdoc/>
    public override IEnsembleAnalysis CreateAnalysis(TwinExperiment experiment, int stateSize, int threads) =>
        new PerturbedObservationAnalysis(experiment.Observation, experiment.Noise, Members, stateSize);
}
