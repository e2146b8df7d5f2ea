namespace Science.Observing;

/// <summary>Observes a selection of state variables: y_j = x[indices[j]] (DAPPER's <c>partial_Id_Obs</c>).</summary>
public class SubsetObservation : IObservationOperator
{
    private readonly int[] _indices;

    /// <summary>Observes <paramref name="indices"/> (distinct, ascending, each in [0, stateSize)) of a state of length <paramref name="stateSize"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index outside [0, stateSize), unsorted or repeated indices, or no index.</exception>
    public SubsetObservation(int stateSize, IReadOnlyList<int> indices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stateSize, 1);
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0) throw new ArgumentOutOfRangeException(nameof(indices), 0, "observe at least one state variable");
        _indices = [.. indices];
        for (int j = 0; j < _indices.Length; j++)
        {
            if ((uint)_indices[j] >= (uint)stateSize)
                throw new ArgumentOutOfRangeException(nameof(indices), _indices[j], $"observed indices must be in [0, {stateSize - 1}]");
            if (j > 0 && _indices[j] <= _indices[j - 1])
                throw new ArgumentOutOfRangeException(nameof(indices), _indices[j], "observed indices must be distinct and ascending");
        }
        StateSize = stateSize;
    }

    /// <inheritdoc/>
    public virtual string Name => "subset";
    /// <inheritdoc/>
    public int StateSize { get; }
    /// <inheritdoc/>
    public int ObservationSize => _indices.Length;
    /// <inheritdoc/>
    public IReadOnlyList<int> ObservedIndices => _indices;
    IReadOnlyList<int>? IObservationOperator.ObservedIndices => _indices;

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<double> state, Span<double> observation)
    {
        if (state.Length != StateSize) throw new ArgumentException($"the state must have {StateSize} values; got {state.Length}", nameof(state));
        if (observation.Length != _indices.Length) throw new ArgumentException($"the observation must have {_indices.Length} values; got {observation.Length}", nameof(observation));
        for (int j = 0; j < _indices.Length; j++) observation[j] = state[_indices[j]];
    }
}
