using Science.Numerics.Fft;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Library;
using Science.QgModel;
using Science.QgModel.Spectral;

namespace Science.Medida.Tests;

/// <summary>The candidate library (spec §5): labels, parsing, rank checks, and term values on analytic fields.</summary>
public sealed class LibraryTests
{
    [Fact]
    public void ReferenceLabelsAreTheTenTermsOfSpec51InOrder()
    {
        Assert.Equal(["lap_psi1", "lap_psi2", "grad_psi1", "grad_psi2", "psi1", "psi2", "psi_R", "J1", "J2", "y"],
            CandidateLibrary.Reference.Labels);
        Assert.Equal("reference", CandidateLibrary.Reference.Name);
        Assert.Same(CandidateLibrary.Reference, CandidateLibrary.Parse("reference"));
        Assert.Same(CandidateLibrary.Reference, CandidateLibrary.ByName("reference"));
    }

    [Fact]
    public void ExtendedLabelsReplaceGradSumsBySeparatePartials()
    {
        Assert.Equal(["lap_psi1", "lap_psi2", "psi1", "psi2", "psi_R", "J1", "J2", "y", "dx_psi1", "dx_psi2", "dy_psi1", "dy_psi2"],
            CandidateLibrary.Extended.Labels);
        Assert.Same(CandidateLibrary.Extended, CandidateLibrary.Parse(" extended "));
    }

    [Fact]
    public void ParseAppendsLabelsToANamedLibrary()
    {
        var lib = CandidateLibrary.Parse("reference,dx_psi1");
        Assert.Equal([.. CandidateLibrary.Reference.Labels, "dx_psi1"], lib.Labels);
        Assert.Equal(11, lib.Terms.Count);
        var custom = CandidateLibrary.Parse("psi1, psi2 ,psi_R");
        Assert.Equal(["psi1", "psi2", "psi_R"], custom.Labels);
    }

    [Fact]
    public void UnknownLabelThrowsListingTheKnownLabels()
    {
        var e = Assert.Throws<ArgumentException>(() => CandidateLibrary.Parse("reference,dz_psi1"));
        Assert.Contains("dz_psi1", e.Message);
        foreach (var t in CandidateLibrary.Available) Assert.Contains(t.Label, e.Message);
        var single = Assert.Throws<ArgumentException>(() => CandidateLibrary.Parse("nonsense"));
        Assert.Contains("lap_psi1", single.Message);
        var byName = Assert.Throws<ArgumentException>(() => CandidateLibrary.ByName("nonsense"));
        Assert.Contains("reference", byName.Message);
        Assert.Contains("extended", byName.Message);
    }

    [Fact]
    public void DuplicateLabelThrows()
    {
        var e = Assert.Throws<ArgumentException>(() => CandidateLibrary.Parse("reference,psi1"));
        Assert.Contains("psi1", e.Message);
        Assert.Throws<ArgumentException>(() => CandidateLibrary.Parse("extended,dx_psi1"));
        Assert.Throws<ArgumentException>(() => CandidateLibrary.Reference.Concat(CandidateLibrary.Extended));
    }

    /// <summary>grad_psi1 = dx_psi1 + dy_psi1 exactly: the rank check rejects the library and names the columns.</summary>
    [Fact]
    public void RequireFullRankRejectsGradSumWithBothPartials()
    {
        var increment = TestData.Increment(1001, [0]);
        var model = CaseCatalogue.Get(1001).Model;
        var settings = new DiscoverySettings { Library = CandidateLibrary.Parse("reference,dx_psi1,dy_psi1") };
        var (design, _) = ModelErrorDiscovery.BuildProblem(increment, model, settings);
        var e = Assert.Throws<ArgumentException>(() => DesignChecks.RequireFullRank(design));
        Assert.Contains("'dy_psi1'", e.Message);
        Assert.Contains("'dx_psi1'", e.Message);
        Assert.Contains("'grad_psi1'", e.Message);
        Assert.Throws<ArgumentException>(() => ModelErrorDiscovery.Discover(increment, CaseCatalogue.Get(1001), settings));

        foreach (var ok in new[] { CandidateLibrary.Reference, CandidateLibrary.Extended, CandidateLibrary.Parse("reference,dx_psi1,dx_psi2") })
        {
            var (d, _) = ModelErrorDiscovery.BuildProblem(increment, model, new DiscoverySettings { Library = ok });
            DesignChecks.RequireFullRank(d);
        }
    }

    [Fact]
    public void RequireFullRankNamesAZeroColumn()
    {
        var design = new Science.Medida.Regression.DesignMatrix(["a", "zero"], [[1.0, 2, 3], [0.0, 0, 0]]);
        var e = Assert.Throws<ArgumentException>(() => DesignChecks.RequireFullRank(design));
        Assert.Contains("'zero'", e.Message);
    }

    // ---- analytic term values on single Fourier modes ----

    private const int M1 = 3, N1 = 5, M2 = 2, N2 = -4;

    /// <summary>a·cos(2π(m i/Nx + n j/Ny) + φ) on the grid, [y, x].</summary>
    private static double[] Mode(Grid g, int m, int n, double a, double phase)
    {
        var f = new double[g.RealSize];
        for (int j = 0; j < g.Ny; j++)
            for (int i = 0; i < g.Nx; i++)
                f[j * g.Nx + i] = a * Math.Cos(2 * Math.PI * ((double)m * i / g.Nx + (double)n * j / g.Ny) + phase);
        return f;
    }

    private static double Wk(Grid g, int m) => g.K[m];
    private static double Wl(Grid g, int n) => g.L[((n % g.Ny) + g.Ny) % g.Ny];

    private static double[] Evaluate(string label, double[] psi1, double[] psi2, out Grid grid)
    {
        grid = Grid.Default;
        using var spectral = new QgSpectral(grid, FftBackendKind.Auto);
        var context = new LibraryContext(spectral, new JetProfile(grid, QgParameters.Truth.Sigma, QgParameters.Truth.U1));
        context.SetState([.. psi1, .. psi2]);
        var field = new double[grid.RealSize];
        CandidateLibrary.Find(label).Evaluate(context, field);
        return field;
    }

    private static void Close(Func<int, int, double> expected, double[] actual, Grid g, double tolerance, string what)
    {
        double max = 0;
        for (int j = 0; j < g.Ny; j++)
            for (int i = 0; i < g.Nx; i++)
                max = Math.Max(max, Math.Abs(actual[j * g.Nx + i] - expected(j, i)));
        Assert.True(max <= tolerance, $"{what}: max abs error {max:E2}");
    }

    private static double Phase(Grid g, int m, int n, int j, int i, double phase) =>
        2 * Math.PI * ((double)m * i / g.Nx + (double)n * j / g.Ny) + phase;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SpectralTermsOfASingleModeAreAnalytic(int layer)
    {
        var g = Grid.Default;
        const double a = 0.7, phi = 0.4;
        var mode = Mode(g, M1, N1, a, phi);
        var other = Mode(g, M2, N2, 0.3, 1.1);
        var (p1, p2) = layer == 1 ? (mode, other) : (other, mode);
        double k = Wk(g, M1), l = Wl(g, N1), k2 = k * k + l * l;
        Assert.True(k > 0.4 && l > 0.4); // a genuinely two-dimensional mode

        Close((j, i) => a * Math.Cos(Phase(g, M1, N1, j, i, phi)), Evaluate($"psi{layer}", p1, p2, out _), g, 1e-12, "psi");
        Close((j, i) => -k2 * a * Math.Cos(Phase(g, M1, N1, j, i, phi)), Evaluate($"lap_psi{layer}", p1, p2, out _), g, 1e-12, "lap_psi = −K²ψ");
        Close((j, i) => -k * a * Math.Sin(Phase(g, M1, N1, j, i, phi)), Evaluate($"dx_psi{layer}", p1, p2, out _), g, 1e-12, "dx_psi");
        Close((j, i) => -l * a * Math.Sin(Phase(g, M1, N1, j, i, phi)), Evaluate($"dy_psi{layer}", p1, p2, out _), g, 1e-12, "dy_psi");
        Close((j, i) => -(k + l) * a * Math.Sin(Phase(g, M1, N1, j, i, phi)), Evaluate($"grad_psi{layer}", p1, p2, out _), g, 1e-12,
            "grad_psi = (∂x + ∂y)ψ");
        // ∇⁴ amplifies the FFT's round-off (~1e−15 in every coefficient) by up to K⁴_max ≈ 1.5e4: 1e−12·K²_max as tolerance.
        Close((j, i) => k2 * k2 * a * Math.Cos(Phase(g, M1, N1, j, i, phi)), Evaluate($"lap2_psi{layer}", p1, p2, out _), g, 1.25e-10, "lap2_psi = K⁴ψ");
    }

    /// <summary>J1 = J(ψ1, ∇²ψ1 − ψ1 + ψ2) = J(ψ1, ψ2) and J2 = J(ψ2, ψ1) for ψ1 = cos(k₃x), ψ2 = cos(l₅y) (spec A5).</summary>
    [Fact]
    public void LayerJacobiansOfTwoModesAreAnalytic()
    {
        var g = Grid.Default;
        var p1 = Mode(g, 3, 0, 1, 0);
        var p2 = Mode(g, 0, 5, 1, 0);
        double k3 = Wk(g, 3), l5 = Wl(g, 5);
        double Expected(int j, int i) => k3 * l5 * Math.Sin(2 * Math.PI * 3.0 * i / g.Nx) * Math.Sin(2 * Math.PI * 5.0 * j / g.Ny);
        Close(Expected, Evaluate("J1", p1, p2, out _), g, 1e-12, "J1 = J(ψ1, ψ2)");
        Close((j, i) => -Expected(j, i), Evaluate("J2", p1, p2, out _), g, 1e-12, "J2 = J(ψ2, ψ1)");
        // A single mode advects its own PV trivially: J(ψ, −(K² + 1)ψ) = 0.
        Close((_, _) => 0, Evaluate("J1", Mode(g, M1, N1, 0.7, 0.4), new double[g.RealSize], out _), g, 1e-12, "J1 of a single mode");
    }

    [Fact]
    public void PsiRAndYAreBroadcastAlongX()
    {
        var g = Grid.Default;
        var p1 = Mode(g, M1, N1, 0.7, 0.4);
        var p2 = Mode(g, M2, N2, 0.3, 1.1);
        var jet = new JetProfile(g, QgParameters.Truth.Sigma, QgParameters.Truth.U1);
        Close((j, _) => jet.PsiR[j], Evaluate("psi_R", p1, p2, out _), g, 1e-12, "psi_R");
        Close((j, _) => g.Y[j], Evaluate("y", p1, p2, out _), g, 1e-12, "y");
        Close((_, _) => 1.0, Evaluate("const", p1, p2, out _), g, 0, "const");
        // ψR is not trivially zero, and y spans the domain.
        Assert.True(jet.PsiR.Max() - jet.PsiR.Min() > 1);
        Assert.Equal(-34.0, g.Y[0], 12);
    }
}
