using Science.Medida.Discovery;
using Science.Medida.Observations;

namespace Science.Medida.Experiments;

/// <summary>Optional progress sinks of an experiment run (may be called from several threads at once).</summary>
/// <param name="Training">Every report of an interpolator's training (neural interpolators: steps, total, loss).</param>
/// <param name="Completed">After each interpolation of a sparse observation.</param>
public sealed record ExperimentHooks(Action<InterpolationProgress>? Training = null, Action<SparseObservationCall>? Completed = null);

/// <summary>The outcome of an experiment.</summary>
/// <param name="Report">The discovery report (it embeds the experiment).</param>
/// <param name="Increment">The increments the discovery regressed.</param>
/// <param name="Notes">The scientific defaults the run used, in words (also in the report's <c>notes</c>).</param>
public sealed record ExperimentResult(DiscoveryReport Report, Increments.Increment Increment, IReadOnlyList<string> Notes);
