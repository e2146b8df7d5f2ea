using Science.Observing;

namespace Science.Medida.Assimilated;

/// <summary>
/// ψ of both QG layers at a sensor layout: H picks the observed entries of the state <c>[layer, y, x]</c> (the upper
/// layer's sensors first, then the same points of the lower layer). Named "qg-sensors" in run records, which record
/// the sensor specification instead of the index list.
/// </summary>
public sealed class QgSensorObservation(int stateSize, IReadOnlyList<int> indices, string layout) : SubsetObservation(stateSize, indices)
{
    /// <inheritdoc/>
    public override string Name => "qg-sensors";

    /// <summary>The layout's description (e.g. "random 25 % (seed 0)").</summary>
    public string Layout { get; } = layout;
}
