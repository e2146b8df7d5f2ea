using Science.Assimilation.Analysis;
using Science.Assimilation.Experiments;

namespace Science.Assimilation.Methods;

/// <summary>
/// The local ETKF with Gaspari–Cohn R-localisation over the experiment's batches (DAPPER's
/// <c>LETKF(N, loc_rad, infl, rot)</c> with <see cref="Localisation"/> = 1.82·loc_rad).
/// </summary>
public sealed record Letkf : EnsembleMethod
{
    /// <summary>The Gaspari–Cohn half-width c in grid points, in (0, 1e6]: the taper is 0 from 2c on.</summary>
    public required double Localisation
    {
        get;
        init => field = value > 0 && value <= 1e6 ? value : throw new ArgumentOutOfRangeException(nameof(Localisation), value, "the localisation half-width must be in (0, 1000000] grid points");
    }

    /// <inheritdoc/>
    public override string Kind => "letkf";

    /// <inheritdoc/>
    public override double? LocalisationHalfWidth => Localisation;

    /// <inheritdoc/>
    public override void Validate(TwinExperiment experiment)
    {
        if (experiment.Domain is null) throw new ArgumentOutOfRangeException(nameof(experiment), "the LETKF needs an experiment with a localisation domain (positions and batches)");
        if (experiment.Noise.IsSingular) throw new ArgumentOutOfRangeException(nameof(experiment), "the LETKF needs R > 0 (every observation σ > 0)");
    }

    /// <inheritdoc/>
    public override IEnsembleAnalysis CreateAnalysis(TwinExperiment experiment, int stateSize, int threads)
    {
        Validate(experiment);
        return new LetkfAnalysis(experiment.Observation, experiment.Noise, experiment.Domain!, Localisation, Members, stateSize, threads);
    }
}
