namespace Science.Assimilation.Analysis;

/// <summary>
/// One analysis step of an ensemble method, with its buffers: updates a member-major ensemble (<c>[member, state]</c>,
/// N·n values) in place from an observation. Instances are made per run by the method's
/// <see cref="Methods.EnsembleMethod.CreateAnalysis"/> and are not shared between runs.
/// </summary>
public interface IEnsembleAnalysis
{
    /// <summary>
    /// Updates <paramref name="ensemble"/> in place.
    /// </summary>
    /// <param name="ensemble">The forecast ensemble on entry, the analysis ensemble on exit (N×n, member-major).</param>
    /// <param name="observation">The observation y (m values, observation units).</param>
    /// <param name="truth">The true state at the analysis time (n values); only the KS-reference analysis reads it
    /// (it passes the clean truth as the observation, as the first MEDIDA paper did).</param>
    /// <param name="seed">The seed of this analysis (perturbed observations draw from it).</param>
    void Analyse(Span<double> ensemble, ReadOnlySpan<double> observation, ReadOnlySpan<double> truth, int seed);
}
