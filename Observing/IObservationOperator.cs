namespace Science.Observing;

/// <summary>
/// A linear observation operator H: maps a state vector (length <see cref="StateSize"/>) to an observation vector
/// (length <see cref="ObservationSize"/>). Observation values are in the state's units.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe; <see cref="Apply"/> allocates nothing.</remarks>
public interface IObservationOperator
{
    /// <summary>A short name for reports, e.g. "identity", "subset".</summary>
    string Name { get; }

    /// <summary>Length of the state vector the operator accepts.</summary>
    int StateSize { get; }

    /// <summary>Number of observations m.</summary>
    int ObservationSize { get; }

    /// <summary>
    /// When the operator selects state variables: <c>ObservedIndices[j]</c> is the state index observed by observation j
    /// (ascending). Null for a general operator.
    /// </summary>
    IReadOnlyList<int>? ObservedIndices { get; }

    /// <summary>Writes H·<paramref name="state"/> into <paramref name="observation"/>.</summary>
    /// <exception cref="ArgumentException">A span of the wrong length.</exception>
    void Apply(ReadOnlySpan<double> state, Span<double> observation);
}
