namespace Science.Observing;

/// <summary>H = I: every state variable is observed (DAPPER's <c>Id_Obs</c>).</summary>
public sealed class IdentityObservation : SubsetObservation
{
    /// <summary>The identity on states of length <paramref name="stateSize"/> ≥ 1.</summary>
    public IdentityObservation(int stateSize) : base(stateSize, Enumerable.Range(0, Math.Max(1, stateSize)).ToArray()) { }

    /// <inheritdoc/>
    public override string Name => "identity";
}
