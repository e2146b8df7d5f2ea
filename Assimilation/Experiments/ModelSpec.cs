using Science.Models;

namespace Science.Assimilation.Experiments;

/// <summary>The dynamics of a twin experiment: a factory of fresh model instances plus a name and parameters for reports.</summary>
/// <param name="Name">Model name, e.g. "lorenz96".</param>
/// <param name="Parameters">Parameters for reports (name → value, model units), e.g. F = 8, dt = 0.05.</param>
/// <param name="Factory">Makes one independent model instance (one per ensemble member, one for the truth).</param>
public sealed record ModelSpec(string Name, IReadOnlyDictionary<string, double> Parameters, Func<IDynamicalModel> Factory);
