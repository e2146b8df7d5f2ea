using Science.QgModel;
using Science.QgModel.Spectral;

namespace Science.Medida.Library;

/// <summary>
/// One candidate term φ(ψ1, ψ2, x, y) of the model-error library, with a stable label and a way to evaluate it on the
/// full grid (physical, <c>[y, x]</c>) from a <see cref="LibraryContext"/>.
/// </summary>
public sealed class CandidateTerm
{
    private readonly Action<LibraryContext, Span<double>> _evaluate;

    /// <summary>Creates a term.</summary>
    /// <param name="label">Stable label, e.g. "lap_psi1".</param>
    /// <param name="latex">Mathematical form for reports, e.g. "∇²ψ1".</param>
    /// <param name="evaluate">Writes the term on the full grid.</param>
    public CandidateTerm(string label, string latex, Action<LibraryContext, Span<double>> evaluate)
    {
        if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException("a term needs a label", nameof(label));
        Label = label;
        Symbol = latex;
        _evaluate = evaluate;
    }

    /// <summary>Stable label used in reports, files and expected answers.</summary>
    public string Label { get; }
    /// <summary>Mathematical symbol for printed equations.</summary>
    public string Symbol { get; }

    /// <summary>Evaluates the term on the full grid into <paramref name="field"/> (length Nx·Ny).</summary>
    public void Evaluate(LibraryContext context, Span<double> field) => _evaluate(context, field);

    /// <inheritdoc/>
    public override string ToString() => $"{Label} ({Symbol})";

    // Layer arguments are indices (0 = upper, 1 = lower), as everywhere in code; labels and symbols say 1 and 2.
    private static int Number(int layer) => layer is 0 or 1
        ? layer + 1
        : throw new ArgumentOutOfRangeException(nameof(layer), layer, "layer must be 0 (upper) or 1 (lower)");

    /// <summary>∇²ψ_k.</summary>
    public static CandidateTerm Laplacian(int layer) =>
        new($"lap_psi{Number(layer)}", $"∇²ψ{Number(layer)}", (c, f) => c.Spectral1(layer, (sp, a, r) => sp.Laplacian(a, r), f));

    /// <summary>The reference's "∇ψ_k": the scalar sum ∂xψ_k + ∂yψ_k (spec §5.1, not a gradient).</summary>
    public static CandidateTerm GradSum(int layer) =>
        new($"grad_psi{Number(layer)}", $"(∂x+∂y)ψ{Number(layer)}", (c, f) => c.Spectral1(layer, (sp, a, r) => sp.DxPlusDy(a, r), f));

    /// <summary>ψ_k.</summary>
    public static CandidateTerm Psi(int layer) =>
        new($"psi{Number(layer)}", $"ψ{Number(layer)}", (c, f) => c.Spectral.Inverse(c.PsiHat(layer), f));

    /// <summary>∂xψ_k (meridional velocity v_k).</summary>
    public static CandidateTerm Dx(int layer) =>
        new($"dx_psi{Number(layer)}", $"∂xψ{Number(layer)}", (c, f) => c.Spectral1(layer, (sp, a, r) => sp.Dx(a, r), f));

    /// <summary>∂yψ_k (minus the zonal velocity u_k).</summary>
    public static CandidateTerm Dy(int layer) =>
        new($"dy_psi{Number(layer)}", $"∂yψ{Number(layer)}", (c, f) => c.Spectral1(layer, (sp, a, r) => sp.Dy(a, r), f));

    /// <summary>∇⁴ψ_k.</summary>
    public static CandidateTerm Biharmonic(int layer) =>
        new($"lap2_psi{Number(layer)}", $"∇⁴ψ{Number(layer)}", (c, f) => c.Spectral1(layer, (sp, a, r) =>
        {
            sp.Laplacian(a, r);
            sp.Laplacian(r, r);
        }, f));

    /// <summary>J(ψ_k, Q_k) with c_J = 1 and no topography (reference terms 7, 8).</summary>
    public static CandidateTerm Jacobian(int layer) =>
        new($"J{Number(layer)}", $"J(ψ{Number(layer)},q{Number(layer)})", (c, f) => c.LayerJacobian(layer, f));

    /// <summary>The relaxation target ψR(y), broadcast along x.</summary>
    public static CandidateTerm PsiR { get; } = new("psi_R", "ψR", (c, f) => Broadcast(c.Grid, c.Jet.PsiR, f));

    /// <summary>The meridional coordinate y, broadcast along x.</summary>
    public static CandidateTerm Y { get; } = new("y", "y", (c, f) => Broadcast(c.Grid, c.Grid.Y, f));

    /// <summary>A constant 1.</summary>
    public static CandidateTerm Constant { get; } = new("const", "1", (_, f) => f.Fill(1.0));

    /// <summary>Unit topographic bump G_i (reference shape), i = 1…4.</summary>
    public static CandidateTerm Bump(int index) =>
        new($"bump{index}", $"G{index}", (c, f) => Topography.UnitBump(c.Grid, index - 1, fixedShape: false).CopyTo(f));

    /// <summary>J(ψ2, G_i) for the unit bump i = 1…4.</summary>
    public static CandidateTerm BumpJacobian(int index) =>
        new($"J2_bump{index}", $"J(ψ2,G{index})", (c, f) => c.JacobianWith(Topography.UnitBump(c.Grid, index - 1, fixedShape: false), f));

    private static void Broadcast(Grid g, ReadOnlySpan<double> profile, Span<double> f)
    {
        for (int j = 0; j < g.Ny; j++) f.Slice(j * g.Nx, g.Nx).Fill(profile[j]);
    }
}
