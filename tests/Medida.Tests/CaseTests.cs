using Science.Medida.Cases;
using Science.QgModel;

namespace Science.Medida.Tests;

/// <summary>The case catalogue and its derived expected answers against the table of spec §7.2.</summary>
public sealed class CaseTests
{
    private static (string, double)[] T(params (string, double)[] terms) => terms;

    /// <summary>Spec §7.2, written out by hand (labels of §5.1 indices: 1 lap_psi2, 4 psi1, 5 psi2, 6 psi_R, 7 J1, 8 J2, 9 y).</summary>
    public static TheoryData<int, (string, double)[], (string, double)[]> Table => new()
    {
        { 1000, T(), T() },
        { 1001, T(("psi1", -0.1), ("psi2", +0.1), ("psi_R", +0.1)), T(("psi1", +0.1), ("psi2", -0.1), ("psi_R", -0.1)) },
        { 1002, T(("psi1", -0.1), ("psi2", +0.1), ("psi_R", +0.1)), T(("lap_psi2", +0.3), ("psi1", +0.1), ("psi2", -0.1), ("psi_R", -0.1)) },
        { 1003, T(("psi1", +0.01), ("psi2", -0.01), ("psi_R", -0.01)), T(("psi1", -0.01), ("psi2", +0.01), ("psi_R", +0.01)) },
        { 1004, T(("J1", -0.5)), T(("J2", -0.5)) },
        { 1005, T(("psi1", -0.1), ("psi2", +0.1), ("psi_R", +0.1), ("J1", -1.0)),
                T(("lap_psi2", +0.3), ("psi1", +0.1), ("psi2", -0.1), ("psi_R", -0.1), ("J2", -1.0)) },
        { 1006, T(), T(("lap_psi2", +0.3)) },
        { 1007, T(), T(("lap_psi2", -0.07)) },
        { 1008, T(("psi_R", -0.01)), T(("psi_R", +0.01)) },
        { 1009, T(("y", -7.84)), T(("y", -7.84)) },
    };

    private static void Same((string, double)[] expected, IReadOnlyList<ExpectedTerm> actual, string what)
    {
        Assert.True(expected.Length == actual.Count,
            $"{what}: expected {string.Join(", ", expected)}; got {string.Join(", ", actual)}");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Item1, actual[i].Label); // also in spec index order
            Assert.Equal(expected[i].Item2, actual[i].Coefficient, 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void ExpectedAnswerEqualsSpecTable(int id, (string, double)[] layer1, (string, double)[] layer2)
    {
        var c = CaseCatalogue.Get(id);
        Assert.Equal(id, c.Id);
        Assert.Equal(QgParameters.Truth, c.Truth);
        var e = c.Expected(PvBookkeeping.Reference);
        Assert.NotNull(e);
        Same(layer1, e!.Layer1, $"case {id} layer 1");
        Same(layer2, e.Layer2, $"case {id} layer 2");
        Same(layer1, e.ForLayer(0), $"case {id} ForLayer(0)");
        Assert.Throws<ArgumentOutOfRangeException>(() => e.ForLayer(2));
        if (id != 1009)
        {
            // Bookkeeping matters only when β or R differ (spec §4.3).
            var consistent = c.Expected(PvBookkeeping.Consistent)!;
            Same(layer1, consistent.Layer1, $"case {id} consistent layer 1");
            Same(layer2, consistent.Layer2, $"case {id} consistent layer 2");
        }
    }

    /// <summary>Case 1009 under consistent bookkeeping: −β∂xψ_k (spec §7.3), which needs the extended library.</summary>
    [Fact]
    public void Case1009ConsistentBookkeepingIsMinusBetaDx()
    {
        var e = CaseCatalogue.Get(1009).Expected(PvBookkeeping.Consistent)!;
        Same(T(("dx_psi1", -0.196)), e.Layer1, "1009 consistent layer 1");
        Same(T(("dx_psi2", -0.196)), e.Layer2, "1009 consistent layer 2");
        Assert.Contains("extended", e.Note);
        Assert.Contains("y/Δt", CaseCatalogue.Get(1009).Expected(PvBookkeeping.Reference)!.Note);
    }

    [Fact]
    public void CatalogueHoldsCases1000To1009()
    {
        Assert.Equal(Enumerable.Range(1000, 10), CaseCatalogue.Ids);
        Assert.Equal(10, CaseCatalogue.All.Count);
        Assert.Equal(QgParameters.Truth, CaseCatalogue.Get(1000).Model);
        Assert.Equal(0.11, CaseCatalogue.Get(1001).Model.TauD1);
        Assert.Equal(0.11, CaseCatalogue.Get(1001).Model.TauD2);
        Assert.Equal(0.5, CaseCatalogue.Get(1004).Model.CJacobian);
        Assert.Equal(0.0, CaseCatalogue.Get(1009).Model.Beta);
        Assert.All(CaseCatalogue.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Name)));
        Assert.Equal(CaseCatalogue.All.Count, CaseCatalogue.All.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void UnknownCaseThrowsListingTheIds()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CaseCatalogue.Get(42));
        Assert.Equal("id", e.ParamName);
        Assert.Contains("42", e.Message);
        foreach (int id in CaseCatalogue.Ids) Assert.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void CustomCaseWithUnexpressibleDifferenceHasNoExpectedAnswer()
    {
        var truth = QgParameters.Truth;
        var sigma = CaseCatalogue.Custom(truth, truth with { Sigma = 4.0 }, "wider jet");
        Assert.Equal(0, sigma.Id);
        Assert.Equal("wider jet", sigma.Name);
        Assert.Null(sigma.Expected(PvBookkeeping.Reference));
        Assert.Null(sigma.Expected(PvBookkeeping.Consistent));
        Assert.Null(CaseCatalogue.Custom(truth, truth with { Nu = 2e-6 }).Expected(PvBookkeeping.Reference));
        Assert.Null(CaseCatalogue.Custom(truth, truth with { U1 = 0.9 }).Expected(PvBookkeeping.Reference));

        // An expressible custom difference gets the derived answer (§7.1): truth τf 0.07 vs model 0.17 → +0.1 ∇²ψ2.
        var friction = CaseCatalogue.Custom(truth, truth with { TauF = 0.17 }).Expected(PvBookkeeping.Reference)!;
        Assert.Empty(friction.Layer1);
        Same(T(("lap_psi2", 0.1)), friction.Layer2, "custom friction");
    }
}
