using Science.QgModel;

namespace Science.Medida.Cases;

/// <summary>
/// A twin experiment: the truth that generates observations and the imperfect model whose structural error MEDIDA
/// should discover. The expected answer follows from the parameter differences (spec §7.1) where they are
/// expressible in the library, and is null otherwise.
/// </summary>
public sealed record ModelErrorCase : IErrorCase
{
    /// <summary>Case number (1001–1009 for the paper's catalogue; 0 for user cases).</summary>
    public int Id { get; init; }
    /// <summary>A short name.</summary>
    public required string Name { get; init; }
    /// <summary>What differs, in words.</summary>
    public required string Description { get; init; }
    /// <summary>The truth's parameters.</summary>
    public required QgParameters Truth { get; init; }
    /// <summary>The imperfect model's parameters.</summary>
    public required QgParameters Model { get; init; }
    /// <inheritdoc/>
    public string ModelName => "qg";
    /// <inheritdoc/>
    public IReadOnlyList<(string Name, double Value)> TruthValues() => Truth.ToNamedValues();
    /// <inheritdoc/>
    public IReadOnlyList<(string Name, double Value)> ModelValues() => Model.ToNamedValues();

    /// <summary>
    /// The expected discovery for a PV bookkeeping: the "truth minus model" tendency written on library labels
    /// (spec §7.1–§7.3), or null when a difference is not expressible (σ, U1, ν, Δt, topography, Robert).
    /// </summary>
    public ExpectedAnswer? Expected(PvBookkeeping bookkeeping)
    {
        var t = Truth; var m = Model;
        if (t.Sigma != m.Sigma || t.U1 != m.U1 || t.Nu != m.Nu || t.Dt != m.Dt || t.Robert != m.Robert ||
            t.H1 != m.H1 || t.H2 != m.H2 || t.H3 != m.H3 || t.H4 != m.H4 || t.TopographyFixed != m.TopographyFixed ||
            t.PeriodicPv != m.PeriodicPv || t.HasTopography)
            return null;
        double dTauD1 = t.TauD1 - m.TauD1, dTauD2 = t.TauD2 - m.TauD2, dTauF = t.TauF - m.TauF;
        double dCj = t.CJacobian - m.CJacobian, dBeta = t.Beta - m.Beta;
        var l1 = new List<ExpectedTerm>();
        var l2 = new List<ExpectedTerm>();
        void Add(List<ExpectedTerm> list, string label, double c)
        {
            if (c != 0) list.Add(new ExpectedTerm(label, c));
        }
        // Layer 1: −ΔcJ·J1 − Δβ·∂xψ1 + Δτd1(ψ1 − ψ2) − Δτd2·ψR; layer 2 mirrors the relaxation and adds friction.
        Add(l2, "lap_psi2", -dTauF);
        Add(l1, "psi1", dTauD1); Add(l1, "psi2", -dTauD1);
        Add(l2, "psi1", -dTauD1); Add(l2, "psi2", dTauD1);
        Add(l1, "psi_R", -dTauD2); Add(l2, "psi_R", dTauD2);
        Add(l1, "J1", -dCj); Add(l2, "J2", -dCj);
        string note = "derived from the parameter differences (spec §7.1)";
        if (dBeta != 0)
        {
            if (bookkeeping == PvBookkeeping.Reference)
            {
                // The forecast inverts the truth's βy as vorticity, and the PV is re-diagnosed with the truth β (§7.3).
                Add(l1, "y", -dBeta / t.Dt); Add(l2, "y", -dBeta / t.Dt);
                note += "; β error under reference bookkeeping appears as −Δβ·y/Δt (spec §7.3)";
            }
            else
            {
                Add(l1, "dx_psi1", -dBeta); Add(l2, "dx_psi2", -dBeta);
                note += "; β error under consistent bookkeeping is −Δβ·∂xψ, which needs the extended library";
            }
        }
        return new ExpectedAnswer(l1, l2, note);
    }
}
