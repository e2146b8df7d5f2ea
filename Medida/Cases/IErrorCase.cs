namespace Science.Medida.Cases;

/// <summary>
/// A model-error case of any model: a truth that generates observations and an imperfect model whose structural
/// error discovery should find, each described by named parameter values for reports. The two-layer QG cases are
/// <see cref="ModelErrorCase"/>; other models supply their own.
/// </summary>
public interface IErrorCase
{
    /// <summary>Case number (0 for user cases).</summary>
    int Id { get; }
    /// <summary>A short name.</summary>
    string Name { get; }
    /// <summary>What differs, in words.</summary>
    string Description { get; }
    /// <summary>The model family, e.g. "qg" or "ks".</summary>
    string ModelName { get; }
    /// <summary>The truth's parameters as (name, value) pairs.</summary>
    IReadOnlyList<(string Name, double Value)> TruthValues();
    /// <summary>The imperfect model's parameters as (name, value) pairs.</summary>
    IReadOnlyList<(string Name, double Value)> ModelValues();
}
