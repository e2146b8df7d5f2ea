using Science.Assimilation.Analysis;
using Science.Assimilation.Experiments;

namespace Science.Assimilation.Methods;

/// <summary>
/// The ensemble transform Kalman filter with the symmetric square root (DAPPER's <c>EnKF('Sqrt', N, infl, rot)</c>).
/// </summary>
public sealed record Etkf : EnsembleMethod
{
    /// <inheritdoc/>
    public override string Kind => "etkf";

    /// <inheritdoc/>
    public override void Validate(TwinExperiment experiment)
    {
        if (experiment.Noise.IsSingular) throw new ArgumentOutOfRangeException(nameof(experiment), "the ETKF needs R > 0 (every observation σ > 0)");
    }

    /// <inheritdoc/>
    public override IEnsembleAnalysis CreateAnalysis(TwinExperiment experiment, int stateSize, int threads) =>
        new EtkfAnalysis(experiment.Observation, experiment.Noise, Members, stateSize);
}
