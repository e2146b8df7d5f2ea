namespace Science.Medida.Cases;

/// <summary>A term of a known model-error answer: its library label and coefficient (truth minus model tendency).</summary>
/// <param name="Label">Library label, e.g. "psi1", "lap_psi2", "J1".</param>
/// <param name="Coefficient">Coefficient multiplying the term on the right-hand side of ∂t q_k.</param>
public sealed record ExpectedTerm(string Label, double Coefficient);

/// <summary>The known answer of a case: the expected terms per layer (an empty list = no model error in that layer).</summary>
public sealed record ExpectedAnswer
{
    /// <summary>A two-layer answer (QG: upper, lower).</summary>
    public ExpectedAnswer(IReadOnlyList<ExpectedTerm> layer1, IReadOnlyList<ExpectedTerm> layer2, string note) : this([layer1, layer2], note) { }

    /// <summary>An answer for any number of layers (layer index 0 first).</summary>
    public ExpectedAnswer(IReadOnlyList<IReadOnlyList<ExpectedTerm>> layers, string note)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("an answer needs at least one layer", nameof(layers));
        Layers = layers;
        Note = note;
    }

    /// <summary>The expected terms per layer, index 0 first.</summary>
    public IReadOnlyList<IReadOnlyList<ExpectedTerm>> Layers { get; }
    /// <summary>How the answer was derived and which library it needs.</summary>
    public string Note { get; }
    /// <summary>Upper-layer (or only-layer) terms.</summary>
    public IReadOnlyList<ExpectedTerm> Layer1 => Layers[0];
    /// <summary>Lower-layer terms (two-layer answers).</summary>
    public IReadOnlyList<ExpectedTerm> Layer2 => Layers.Count > 1 ? Layers[1] : throw new InvalidOperationException("this answer has one layer");

    /// <summary>The terms of a layer (index 0 = upper or only layer, 1 = lower; labels count from 1).</summary>
    public IReadOnlyList<ExpectedTerm> ForLayer(int layer) => layer >= 0 && layer < Layers.Count
        ? Layers[layer]
        : throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer must be in [0, {Layers.Count - 1}]");
}
