namespace Science.Medida.Increments;

/// <summary>Which state the candidate library is evaluated at (spec §4.2).</summary>
public enum LibraryState
{
    /// <summary>The model forecast ψ^m(t + Δt), as the reference does by in-place mutation (reproduction default).</summary>
    Forecast,
    /// <summary>The estimate ψ̃(t) the forecast started from (recommended for new work).</summary>
    Estimate,
}
