using System.Globalization;
using Science.Medida.Cases;
using Science.Models.Ks;

namespace Science.Medida.Ks;

/// <summary>
/// A Kuramoto–Sivashinsky model-error case (spec §10.5): the truth u_t = −u u_x − u_xx − u_xxxx (λ = (1, 1, 1)) and
/// an imperfect model with other λ and optionally an extra term. The expected answer is derived from the parameter
/// differences as the coefficient m on the tendency u_t of truth minus model.
/// </summary>
public sealed class KsCase : IErrorCase
{
    /// <summary>A case with the model's λ0, λ1, λ2 and an optional extra term of weight λ3.</summary>
    public KsCase(int id, string name, string description, double lambda0, double lambda1, double lambda2,
        KsExtraTerm extraTerm = KsExtraTerm.None, double lambda3 = 0)
    {
        Id = id;
        Name = name;
        Description = description;
        Lambda0 = lambda0;
        Lambda1 = lambda1;
        Lambda2 = lambda2;
        ExtraTerm = extraTerm;
        Lambda3 = extraTerm == KsExtraTerm.None ? 0 : lambda3;
    }

    /// <inheritdoc/>
    public int Id { get; }
    /// <inheritdoc/>
    public string Name { get; }
    /// <inheritdoc/>
    public string Description { get; }
    /// <inheritdoc/>
    public string ModelName => "ks";
    /// <summary>The model's λ0 (coefficient of u u_x).</summary>
    public double Lambda0 { get; }
    /// <summary>The model's λ1 (coefficient of u_xx).</summary>
    public double Lambda1 { get; }
    /// <summary>The model's λ2 (coefficient of u_xxxx).</summary>
    public double Lambda2 { get; }
    /// <summary>The model's extra term.</summary>
    public KsExtraTerm ExtraTerm { get; }
    /// <summary>The weight λ3 of the extra term (0 without one).</summary>
    public double Lambda3 { get; }

    /// <summary>The imperfect model: <paramref name="grid"/>'s grid (default MEDIDA's CNAB2 model, Δt = 5e−3) with this case's λ.</summary>
    public KsParameters Model(KsParameters? grid = null) => (grid ?? KsParameters.MedidaModel) with
    {
        Lambda0 = Lambda0,
        Lambda1 = Lambda1,
        Lambda2 = Lambda2,
        ExtraTerm = ExtraTerm,
        Lambda3 = Lambda3,
    };

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, double Value)> TruthValues() => [("lambda0", 1), ("lambda1", 1), ("lambda2", 1), ("lambda3", 0)];

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, double Value)> ModelValues() =>
        [("lambda0", Lambda0), ("lambda1", Lambda1), ("lambda2", Lambda2), ("lambda3", Lambda3)];

    /// <summary>
    /// The expected coefficients on the tendency, truth minus model: the model's tendency is
    /// −λ0 u u_x − λ1 u_xx − λ2 u_xxxx, so m(uu_x) = λ0 − 1, m(u_xx) = λ1 − 1, m(u_xxxx) = λ2 − 1; the extra
    /// "+u_xxx" term adds −λ3 u_xxx to the model (m(u_xxx) = +λ3) and the "+u³ flux" term adds −(3/2)λ0λ3 u²u_x
    /// (m(u^2u_x) = +1.5·λ0·λ3). One layer.
    /// </summary>
    public ExpectedAnswer Expected()
    {
        var terms = new List<ExpectedTerm>();
        if (Lambda0 != 1) terms.Add(new ExpectedTerm("uu_{x}", Lambda0 - 1));
        if (Lambda1 != 1) terms.Add(new ExpectedTerm("u_{xx}", Lambda1 - 1));
        if (ExtraTerm == KsExtraTerm.Uxxx && Lambda3 != 0) terms.Add(new ExpectedTerm("u_{xxx}", Lambda3));
        if (Lambda2 != 1) terms.Add(new ExpectedTerm("u_{xxxx}", Lambda2 - 1));
        if (ExtraTerm == KsExtraTerm.CubicFlux && Lambda3 != 0) terms.Add(new ExpectedTerm("u^2u_{x}", 1.5 * Lambda0 * Lambda3));
        return new ExpectedAnswer([terms], "derived from the parameter differences (spec §10.5), coefficient on u_t of truth minus model; needs the 24-term KS library");
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ks case {Id}: {Description}");
}

/// <summary>
/// The KS cases of spec §10.5: 1–12 (λ errors), 101–103 ("+u_xxx" with λ3 = 0.1, 0.5, 1 on the perfect λ) and
/// 201–203 ("+u³ in the flux" with λ3 = 1.5, 0.15, 0.015 on the perfect λ).
/// </summary>
public static class KsCaseCatalogue
{
    private static readonly (int Id, double L0, double L1, double L2)[] LambdaCases =
    [
        (1, 0, 1, 1), (2, 1, 0, 1), (3, 1, 1, 0), (4, 1, 0, 0), (5, 0, 1, 0), (6, 0, 0, 1),
        (7, 0.5, 1, 1), (8, 1, 0.5, 1), (9, 1, 1, 0.5), (10, 2, 2, 2), (11, 0, 0.5, 2), (12, 0.5, 0, 1),
    ];

    /// <summary>Every case, in id order.</summary>
    public static IReadOnlyList<KsCase> All { get; } = Build();

    /// <summary>The case with this id.</summary>
    /// <exception cref="ArgumentException">Unknown id (the message lists the known ones).</exception>
    public static KsCase Get(int id) => All.FirstOrDefault(c => c.Id == id)
        ?? throw new ArgumentException($"unknown ks case {id}; known: {string.Join(", ", All.Select(c => c.Id))}", nameof(id));

    private static KsCase[] Build()
    {
        var list = new List<KsCase>();
        foreach (var (id, l0, l1, l2) in LambdaCases)
        {
            string d = string.Create(CultureInfo.InvariantCulture, $"model λ = ({l0:G3}, {l1:G3}, {l2:G3}), truth (1, 1, 1)");
            list.Add(new KsCase(id, $"ks{id}", d, l0, l1, l2));
        }
        double[] uxxx = [0.1, 0.5, 1];
        for (int i = 0; i < uxxx.Length; i++)
            list.Add(new KsCase(101 + i, $"ks{101 + i}", string.Create(CultureInfo.InvariantCulture, $"model has an extra −λ3 u_xxx, λ3 = {uxxx[i]:G3}"),
                1, 1, 1, KsExtraTerm.Uxxx, uxxx[i]));
        double[] cubic = [1.5, 0.15, 0.015];
        for (int i = 0; i < cubic.Length; i++)
            list.Add(new KsCase(201 + i, $"ks{201 + i}", string.Create(CultureInfo.InvariantCulture, $"model flux −½∂x(u² + λ3u³), λ3 = {cubic[i]:G3}"),
                1, 1, 1, KsExtraTerm.CubicFlux, cubic[i]));
        return [.. list];
    }
}
