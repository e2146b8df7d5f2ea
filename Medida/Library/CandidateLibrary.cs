namespace Science.Medida.Library;

/// <summary>
/// An ordered set of labelled candidate terms (spec §5). Named libraries: <c>reference</c> (the 10 reference terms in
/// the reference's order) and <c>extended</c> (the reference without the collinear <c>grad_psi1/2</c>, plus the
/// separate partials <c>dx_psi1/2</c>, <c>dy_psi1/2</c>). Compose others from <see cref="Available"/> by label, or
/// concatenate libraries.
/// </summary>
public sealed class CandidateLibrary
{
    /// <summary>Every term the toolkit knows, by label.</summary>
    public static IReadOnlyList<CandidateTerm> Available { get; } =
    [
        CandidateTerm.Laplacian(0), CandidateTerm.Laplacian(1), CandidateTerm.GradSum(0), CandidateTerm.GradSum(1),
        CandidateTerm.Psi(0), CandidateTerm.Psi(1), CandidateTerm.PsiR, CandidateTerm.Jacobian(0), CandidateTerm.Jacobian(1),
        CandidateTerm.Y, CandidateTerm.Dx(0), CandidateTerm.Dx(1), CandidateTerm.Dy(0), CandidateTerm.Dy(1),
        CandidateTerm.Biharmonic(0), CandidateTerm.Biharmonic(1), CandidateTerm.Constant,
        CandidateTerm.Bump(1), CandidateTerm.Bump(2), CandidateTerm.Bump(3), CandidateTerm.Bump(4),
        CandidateTerm.BumpJacobian(1), CandidateTerm.BumpJacobian(2), CandidateTerm.BumpJacobian(3), CandidateTerm.BumpJacobian(4),
    ];

    /// <summary>The reference's 10 terms, indices 0–9 of spec §5.1.</summary>
    public static CandidateLibrary Reference { get; } =
        FromLabels("reference", ["lap_psi1", "lap_psi2", "grad_psi1", "grad_psi2", "psi1", "psi2", "psi_R", "J1", "J2", "y"]);

    /// <summary>The reference without grad_psi1/2 (= dx + dy, collinear) plus dx_psi1/2 and dy_psi1/2 (spec §5.4).</summary>
    public static CandidateLibrary Extended { get; } =
        FromLabels("extended", ["lap_psi1", "lap_psi2", "psi1", "psi2", "psi_R", "J1", "J2", "y", "dx_psi1", "dx_psi2", "dy_psi1", "dy_psi2"]);

    /// <summary>The named libraries.</summary>
    public static IReadOnlyList<string> Names { get; } = ["reference", "extended"];

    /// <summary>Creates a library from terms with unique labels.</summary>
    public CandidateLibrary(string name, IEnumerable<CandidateTerm> terms)
    {
        Name = name;
        Terms = terms.ToArray();
        var duplicate = Terms.GroupBy(t => t.Label).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"library '{name}' has the label '{duplicate.Key}' twice", nameof(terms));
        if (Terms.Count == 0) throw new ArgumentException($"library '{name}' has no terms", nameof(terms));
    }

    /// <summary>The library's name.</summary>
    public string Name { get; }
    /// <summary>The terms, in column order.</summary>
    public IReadOnlyList<CandidateTerm> Terms { get; }
    /// <summary>The labels, in column order.</summary>
    public IReadOnlyList<string> Labels => Terms.Select(t => t.Label).ToArray();

    /// <summary>A named library ("reference" or "extended").</summary>
    public static CandidateLibrary ByName(string name) => name switch
    {
        "reference" => Reference,
        "extended" => Extended,
        _ => throw new ArgumentException($"unknown library '{name}'; known: {string.Join(", ", Names)}, or a comma-separated list of labels", nameof(name)),
    };

    /// <summary>
    /// A named library, or a comma-separated list of labels from <see cref="Available"/>, optionally starting with a
    /// named library ("reference,dx_psi1,dx_psi2").
    /// </summary>
    public static CandidateLibrary Parse(string specification)
    {
        var parts = specification.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 1 && Names.Contains(parts[0])) return ByName(parts[0]);
        var terms = new List<CandidateTerm>();
        foreach (var part in parts)
        {
            if (Names.Contains(part)) terms.AddRange(ByName(part).Terms);
            else terms.Add(Find(part));
        }
        return new CandidateLibrary(specification, terms);
    }

    /// <summary>The library made of the given labels, in that order.</summary>
    public static CandidateLibrary FromLabels(string name, IEnumerable<string> labels) => new(name, labels.Select(Find));

    /// <summary>This library followed by the terms of <paramref name="other"/> (labels must stay unique).</summary>
    public CandidateLibrary Concat(CandidateLibrary other) => new($"{Name}+{other.Name}", Terms.Concat(other.Terms));

    /// <summary>The term with this label from <see cref="Available"/>.</summary>
    /// <exception cref="ArgumentException">Unknown label; the message lists the known labels.</exception>
    public static CandidateTerm Find(string label) =>
        Available.FirstOrDefault(t => t.Label == label)
        ?? throw new ArgumentException($"unknown library label '{label}'; known: {string.Join(", ", Available.Select(t => t.Label))}", nameof(label));

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {string.Join(", ", Labels)}";
}
