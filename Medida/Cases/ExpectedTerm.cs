namespace Science.Medida.Cases;

/// <summary>A term of a known model-error answer: its library label and coefficient (truth minus model tendency).</summary>
/// <param name="Label">Library label, e.g. "psi1", "lap_psi2", "J1".</param>
/// <param name="Coefficient">Coefficient multiplying the term on the right-hand side of ∂t q_k.</param>
public sealed record ExpectedTerm(string Label, double Coefficient);

/// <summary>The known answer of a case: the terms per layer (empty = no model error in that layer).</summary>
/// <param name="Layer1">Upper-layer terms.</param>
/// <param name="Layer2">Lower-layer terms.</param>
/// <param name="Note">How the answer was derived and which library it needs.</param>
public sealed record ExpectedAnswer(IReadOnlyList<ExpectedTerm> Layer1, IReadOnlyList<ExpectedTerm> Layer2, string Note)
{
    /// <summary>The terms of layer 1 or 2.</summary>
    public IReadOnlyList<ExpectedTerm> ForLayer(int layer) => layer switch
    {
        1 => Layer1,
        2 => Layer2,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "layer must be 1 or 2"),
    };
}
