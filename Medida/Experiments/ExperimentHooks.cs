using Science.Medida.Discovery;
using Science.Medida.Observations;

namespace Science.Medida.Experiments;

/// <summary>Optional progress sinks of an experiment run (may be called from several threads at once).</summary>
/// <param name="Training">Every report of an interpolator's training (neural interpolators: steps, total, loss).</param>
/// <param name="Completed">After each interpolation of a sparse observation.</param>
/// <param name="DecorateEstimator">
/// Wraps the state estimator the experiment built (e.g. to memoise interpolations shared by several experiments with
/// the same truth and sensors, as <c>bench/</c>'s sparse table does). It must return estimates equal to the wrapped
/// one's; it is not part of the experiment record, so a report re-run without it gives the same numbers.
/// </param>
/// <param name="Assimilation">After each cycle of the filter of assimilated increments (its scores).</param>
public sealed record ExperimentHooks(Action<InterpolationProgress>? Training = null, Action<SparseObservationCall>? Completed = null,
    Func<IStateEstimator, IStateEstimator>? DecorateEstimator = null, Action<Science.Assimilation.Statistics.CycleStatistics>? Assimilation = null);

/// <summary>The outcome of an experiment.</summary>
/// <param name="Report">The discovery report (it embeds the experiment).</param>
/// <param name="Increment">The increments the discovery regressed.</param>
/// <param name="Notes">The scientific defaults the run used, in words (also in the report's <c>notes</c>).</param>
public sealed record ExperimentResult(DiscoveryReport Report, Increments.Increment Increment, IReadOnlyList<string> Notes);
