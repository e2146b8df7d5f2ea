using Science.QgModel;

namespace Science.Medida.Cases;

/// <summary>
/// The paper's model-error cases 1001–1009 (spec §7.2, topography selection A), plus a "perfect model" case 1000
/// for the control experiment (spec §13 C1). Every case keeps the truth of spec §2.7.
/// </summary>
public static class CaseCatalogue
{
    private static readonly QgParameters T = QgParameters.Truth;

    /// <summary>All catalogue cases, by id.</summary>
    public static IReadOnlyList<ModelErrorCase> All { get; } =
    [
        Make(1000, "perfect", "model identical to the truth (control: no model error)", T),
        Make(1001, "relaxation", "τd1 = τd2 = 0.11 (truth 0.01)", T with { TauD1 = 0.11, TauD2 = 0.11 }),
        Make(1002, "relaxation+friction", "τd1 = τd2 = 0.11; τf = 0.37 (truth 0.07)", T with { TauD1 = 0.11, TauD2 = 0.11, TauF = 0.37 }),
        Make(1003, "no-relaxation", "τd1 = τd2 = 0 (relaxation missing)", T with { TauD1 = 0, TauD2 = 0 }),
        Make(1004, "half-advection", "c_J = 0.5 (half the advection)", T with { CJacobian = 0.5 }),
        Make(1005, "no-advection", "τd1 = τd2 = 0.11; τf = 0.37; c_J = 0 (no advection)", T with { TauD1 = 0.11, TauD2 = 0.11, TauF = 0.37, CJacobian = 0 }),
        Make(1006, "friction", "τf = 0.37 (truth 0.07)", T with { TauF = 0.37 }),
        Make(1007, "no-friction", "τf = 0 (friction missing)", T with { TauF = 0 }),
        Make(1008, "no-target", "τd2 = 0 (relaxation target ψR missing)", T with { TauD2 = 0 }),
        Make(1009, "no-beta", "β = 0", T with { Beta = 0 }),
    ];

    /// <summary>The catalogue ids, ascending.</summary>
    public static IEnumerable<int> Ids => All.Select(c => c.Id);

    /// <summary>The case with this id.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown id; the message lists the known ids.</exception>
    public static ModelErrorCase Get(int id) =>
        All.FirstOrDefault(c => c.Id == id)
        ?? throw new ArgumentOutOfRangeException(nameof(id), id, $"unknown case {id}; known cases: {string.Join(", ", Ids)}");

    /// <summary>A user case from any two parameter sets.</summary>
    public static ModelErrorCase Custom(QgParameters truth, QgParameters model, string name = "custom") =>
        new() { Id = 0, Name = name, Description = "user-defined truth and model", Truth = truth.Validated(), Model = model.Validated() };

    private static ModelErrorCase Make(int id, string name, string description, QgParameters model) =>
        new() { Id = id, Name = name, Description = description, Truth = T, Model = model };
}
