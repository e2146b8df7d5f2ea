using Science.QgModel;

namespace Science.Medida.Observations;

/// <summary>Full, clean observations: the estimate is the truth itself (no interpolator involved).</summary>
public sealed class FullObservation : IStateEstimator
{
    /// <summary>The shared instance.</summary>
    public static FullObservation Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "full";

    /// <inheritdoc/>
    public double[] Estimate(Grid grid, ReadOnlySpan<double> truePsi, int snapshot, ObservationTime time) => truePsi.ToArray();
}
