using Science.Medida.Cases;
using Science.QgModel;

namespace Science.Medida.Experiments;

/// <summary>
/// Which model-error case an experiment runs: a catalogue id (<see cref="Id"/>, see <see cref="CaseCatalogue"/>) or a
/// custom pair of parameter sets (<see cref="Truth"/> and <see cref="Model"/>: spec parameter names such as
/// <c>tau_d</c>, <c>tau_f</c>, <c>beta</c> mapped to values; unnamed parameters keep the truth of spec §2.7).
/// </summary>
public sealed record CaseSpecification
{
    /// <summary>A catalogue id (1000–1009), or null for a custom case.</summary>
    public int? Id { get; init; }
    /// <summary>Name of a custom case.</summary>
    public string? Name { get; init; }
    /// <summary>Custom truth parameters (name → value), changes from the spec §2.7 truth.</summary>
    public IReadOnlyDictionary<string, double>? Truth { get; init; }
    /// <summary>Custom model parameters (name → value), changes from the spec §2.7 truth.</summary>
    public IReadOnlyDictionary<string, double>? Model { get; init; }

    /// <summary>The catalogue case <paramref name="id"/>.</summary>
    public static CaseSpecification Catalogue(int id) => new() { Id = id };

    /// <summary>The case this specification describes.</summary>
    /// <exception cref="ArgumentException">Neither or both of an id and custom parameters, an unknown id or parameter.</exception>
    public ModelErrorCase Resolve()
    {
        bool custom = Truth is not null || Model is not null;
        if (Id is { } id)
        {
            if (custom) throw new ArgumentException("a case has either an id or custom truth/model parameters, not both", nameof(Id));
            return CaseCatalogue.Get(id);
        }
        if (!custom) throw new ArgumentException("a case needs an id (see --list-cases) or custom truth/model parameters", nameof(Id));
        return CaseCatalogue.Custom(Apply(Truth), Apply(Model), Name ?? "custom");
    }

    private static QgParameters Apply(IReadOnlyDictionary<string, double>? changes)
    {
        var p = QgParameters.Truth;
        if (changes is not null)
            foreach (var (name, value) in changes) p = p.With(name, value);
        return p.Validated();
    }
}
