using Science.Numerics.Fft;
using Science.QgModel.Spectral;

namespace Science.QgModel.Tests;

/// <summary>Spec §13 check group A: operators and numerics.</summary>
public sealed class OperatorTests
{
    private static readonly Grid G = Grid.Default;

    [SkippableFact]
    public void A1_Wavenumbers()
    {
        static void Rel(double expected, double actual) => Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"{actual} vs {expected}");
        Rel(0.136590985, G.K[1]);
        Rel(6.556367277, G.K[48]);
        Rel(0.092399784, G.L[1]);
        Rel(-8.870379257, G.L[96]);
        Rel(-0.092399784, G.L[191]);
        Rel(4.17442199e7, System.Numerics.Tensors.TensorPrimitives.Max(G.K8));
        Assert.Equal(49, G.Nk);
        // Against the reference's own arrays.
        Assert.Equal(0, Oracle.RelativeMaxError(G.K.ToArray(), Oracle.Data.ReadVector("/grid/kk")), 15);
        Assert.Equal(0, Oracle.RelativeMaxError(G.L.ToArray(), Oracle.Data.ReadVector("/grid/ll")), 15);
        Assert.Equal(0, Oracle.RelativeMaxError(G.X.ToArray(), Oracle.Data.ReadVector("/grid/x")), 15);
        Assert.Equal(0, Oracle.RelativeMaxError(G.Y.ToArray(), Oracle.Data.ReadVector("/grid/y")), 15);
    }

    [SkippableTheory]
    [InlineData(0, -34.0000, -1.000000, 1.000000, 0.158017)]
    [InlineData(1, -33.6458, -0.989830, 0.989830, 0.509024)]
    [InlineData(20, -26.9167, -0.067477, 0.0674782, 3.500889)]
    [InlineData(48, -17.0000, 0.000000, 2.416278e-4, 3.568545)]
    [InlineData(96, 0.0000, 1.000000, 1.787440e-8, -0.019151)]
    [InlineData(144, 17.0000, -0.000054, 2.958203e-4, -3.606753)]
    [InlineData(191, 33.6458, -1.000000, 1.000000, -0.194475)]
    public void A2_JetSpongeAndPsiRTable(int j, double y, double ueq, double sponge, double psiR)
    {
        var jet = new JetProfile(G, 3.5, 1.0);
        Assert.Equal(y, G.Y[j], 4);
        Assert.True(Math.Abs(jet.UEq[j] - ueq) <= 1e-6, $"u_eq[{j}] = {jet.UEq[j]}");
        Assert.True(Math.Abs(jet.Sponge[j] - sponge) <= 1e-6, $"s[{j}] = {jet.Sponge[j]}");
        Assert.True(Math.Abs(jet.PsiR[j] - psiR) <= 1e-6, $"psiR[{j}] = {jet.PsiR[j]}");
    }

    [SkippableFact]
    public void A2_PsiRIsTheIntegralOfTheJetAndMatchesReference()
    {
        var jet = new JetProfile(G, 3.5, 1.0);
        Assert.True(Math.Abs(jet.PsiR.Average()) <= 1e-12);
        Assert.Equal(3.588247, jet.PsiR.Max(), 5);
        Assert.Equal(33, Array.IndexOf(jet.PsiR, jet.PsiR.Max()));
        Assert.Equal(-3.624701, jet.PsiR.Min(), 5);
        Assert.Equal(158, Array.IndexOf(jet.PsiR, jet.PsiR.Min()));

        // −∂yψR = u_eq − mean(u_eq), derivative taken spectrally on the 2-D grid.
        using var sp = new QgSpectral(G);
        var field = new double[G.RealSize];
        for (int j = 0; j < G.Ny; j++) for (int i = 0; i < G.Nx; i++) field[j * G.Nx + i] = jet.PsiR[j];
        var hat = TestFields.Hat(sp, field);
        var dy = new SpectralField(G);
        sp.Dy(hat, dy);
        var dpsi = new double[G.RealSize];
        sp.Inverse(dy, dpsi);
        double mean = jet.UEq.Average(), worst = 0;
        for (int j = 0; j < G.Ny; j++) worst = Math.Max(worst, Math.Abs(jet.UEq[j] + dpsi[j * G.Nx] - mean));
        Assert.True(worst <= 1e-10, $"max |u_eq + dψR/dy − mean| = {worst}");

        Assert.True(Oracle.RelativeMaxError(jet.Sponge, Oracle.Data.ReadVector("/grid/sponge")) <= 1e-14);
        Assert.True(Oracle.RelativeMaxError(jet.UEq, Oracle.Data.ReadVector("/grid/u_eq")) <= 1e-14);
        Assert.True(Oracle.RelativeMaxError(jet.PsiR, Oracle.Data.ReadVector("/grid/psi_R_real")) <= 1e-12);
    }

    [SkippableFact]
    public void A3_PvInversionRoundTrip()
    {
        using var sp = new QgSpectral(G);
        var psi = TestFields.TwoLayerPsi(G, 40, 80, seed: 3);
        var q = new double[psi.Length];
        double beta = 0.196;
        sp.PvFromPsi(psi, beta, default, q);
        int n = G.RealSize;
        var z1 = new SpectralField(G); var z2 = new SpectralField(G);
        var zeta = new double[n];
        for (int layer = 0; layer < 2; layer++)
        {
            for (int j = 0; j < G.Ny; j++)
                for (int i = 0; i < G.Nx; i++)
                    zeta[j * G.Nx + i] = q[layer * n + j * G.Nx + i] - beta * G.Y[j];
            sp.Forward(zeta, layer == 0 ? z1 : z2);
        }
        var p1 = new SpectralField(G); var p2 = new SpectralField(G);
        sp.Invert(z1, z2, p1, p2);
        var back = new double[psi.Length];
        sp.Inverse(p1, back.AsSpan(0, n));
        sp.Inverse(p2, back.AsSpan(n, n));
        double e = Oracle.RelativeMaxError(back, psi);
        Assert.True(e <= 1e-13, $"round trip error {e:E2}");
    }

    [SkippableFact]
    public void A4a_DealiasedProductOfBandLimitedFieldsIsExact()
    {
        using var sp = new QgSpectral(G);
        var a = TestFields.BandLimited(G, 20, 40, 11);
        var b = TestFields.BandLimited(G, 20, 40, 12);
        var ab = new double[a.Length];
        for (int p = 0; p < a.Length; p++) ab[p] = a[p] * b[p];
        var expected = TestFields.Hat(sp, ab);
        var actual = new SpectralField(G);
        sp.DealiasedProduct(TestFields.Hat(sp, a), TestFields.Hat(sp, b), actual);
        double scale = Math.Max(TestFields.MaxAbs(expected.Re), TestFields.MaxAbs(expected.Im));
        double err = Math.Max(Oracle.RelativeMaxError(actual.Re, expected.Re), Oracle.RelativeMaxError(actual.Im, expected.Im));
        Assert.True(err * TestFields.MaxAbs(expected.Re) / scale <= 1e-13, $"relative error {err:E2}");
    }

    [SkippableFact]
    public void A4b_DealiasedProductEqualsTruncatedExactProduct()
    {
        using var sp = new QgSpectral(G);
        var a = TestFields.BandLimited(G, 47, 95, 21);
        var b = TestFields.BandLimited(G, 47, 95, 22);
        var ah = TestFields.Hat(sp, a); var bh = TestFields.Hat(sp, b);
        var actual = new SpectralField(G);
        sp.DealiasedProduct(ah, bh, actual);

        // Exact product on the 2× grid, where nothing aliases.
        using var big = RealFft2D.Create(2 * G.Ny, 2 * G.Nx);
        var pa = new double[4 * G.RealSize]; var pb = new double[4 * G.RealSize];
        big.InverseFromSmaller(ah.Re, ah.Im, G.Ny, G.Nk, pa);
        big.InverseFromSmaller(bh.Re, bh.Im, G.Ny, G.Nk, pb);
        for (int p = 0; p < pa.Length; p++) pa[p] *= pb[p];
        var exact = new SpectralField(G);
        big.ForwardToSmaller(pa, exact.Re, exact.Im, G.Ny, G.Nk);
        QgSpectral.Scale(exact, 4.0);

        double scale = 0, err = 0;
        for (int n = 0; n < G.Ny; n++)
            for (int m = 0; m < G.Nk; m++)
            {
                int s = n * G.Nk + m;
                scale = Math.Max(scale, Math.Abs(exact.Re[s]) + Math.Abs(exact.Im[s]));
                if (n == G.Ny / 2 || m == G.Nx / 2) continue;
                err = Math.Max(err, Math.Abs(actual.Re[s] - exact.Re[s]) + Math.Abs(actual.Im[s] - exact.Im[s]));
            }
        Assert.True(err / scale <= 1e-13, $"relative error {err / scale:E2}");
    }

    [SkippableFact]
    public void A5_JacobianIdentities()
    {
        using var sp = new QgSpectral(G);
        var a = TestFields.Hat(sp, TestFields.BandLimited(G, 47, 95, 31));
        var b = TestFields.Hat(sp, TestFields.BandLimited(G, 47, 95, 32));
        var jaa = new SpectralField(G);
        sp.Jacobian(a, a, jaa);
        var jab = new SpectralField(G);
        sp.Jacobian(a, b, jab);
        double scale = Math.Max(TestFields.MaxAbs(jab.Re), TestFields.MaxAbs(jab.Im));
        Assert.True(Math.Max(TestFields.MaxAbs(jaa.Re), TestFields.MaxAbs(jaa.Im)) <= 1e-14 * scale, "J(a, a) ≠ 0");
        Assert.True(Math.Abs(jab.Re[0]) + Math.Abs(jab.Im[0]) <= 1e-14 * scale, "mean of J(a, b) ≠ 0");

        double k3 = 3 * 2 * Math.PI / G.Lx, l5 = 5 * 2 * Math.PI / G.Ly;
        var f = new double[G.RealSize]; var h = new double[G.RealSize];
        for (int j = 0; j < G.Ny; j++)
            for (int i = 0; i < G.Nx; i++)
            {
                f[j * G.Nx + i] = Math.Cos(k3 * G.X[i]);
                h[j * G.Nx + i] = Math.Cos(l5 * G.Y[j]);
            }
        var jfh = new SpectralField(G);
        sp.Jacobian(TestFields.Hat(sp, f), TestFields.Hat(sp, h), jfh);
        var real = new double[G.RealSize];
        sp.Inverse(jfh, real);
        double worst = 0;
        for (int j = 0; j < G.Ny; j++)
            for (int i = 0; i < G.Nx; i++)
                worst = Math.Max(worst, Math.Abs(real[j * G.Nx + i] - k3 * l5 * Math.Sin(k3 * G.X[i]) * Math.Sin(l5 * G.Y[j])));
        Assert.True(worst <= 1e-13, $"analytic Jacobian error {worst:E2}");
    }

    /// <summary>
    /// A6: with only β acting (no jet, sponge, relaxation, friction; c_J = 0) the tendency is −β·ik·ψ̂, so the three
    /// step formulas can be checked on the raw spectral levels.
    /// </summary>
    [SkippableFact]
    public void A6_StepFormulas()
    {
        var p = QgParameters.Truth with { U1 = 0, TauD1 = 0, TauD2 = 0, TauF = 0, CJacobian = 0, Nu = 1e-3 };
        using var solver = new QgSolver(G, p);
        solver.Initialize(new QgState(G, TestFields.TwoLayerPsi(G, 47, 95, 41), null));
        double dt = p.Dt, g = p.Robert;
        for (int call = 0; call < 3; call++)
        {
            var old0 = Copy(solver.PrognosticPv(0, 0));
            var old1 = Copy(solver.PrognosticPv(1, 0));
            var psi = Copy(solver.PsiHat(0));
            solver.Step();
            var new1 = solver.PrognosticPv(1, 0);
            var new0 = solver.PrognosticPv(0, 0);
            double err = 0, scale = 0, ferr = 0;
            for (int n = 0; n < G.Ny; n++)
                for (int m = 0; m < G.Nk; m++)
                {
                    int s = n * G.Nk + m;
                    double bk = p.Beta * G.K[m];
                    double rRe = bk * psi.Im[s], rIm = -bk * psi.Re[s];
                    double eRe, eIm;
                    if (call == 0)
                    {
                        double den = 1 + dt * p.Nu * G.K8[s];
                        eRe = (old1.Re[s] + dt * rRe) / den; eIm = (old1.Im[s] + dt * rIm) / den;
                    }
                    else
                    {
                        double den = 1 + 2 * dt * p.Nu * G.K8[s];
                        eRe = (old0.Re[s] + 2 * dt * rRe) / den; eIm = (old0.Im[s] + 2 * dt * rIm) / den;
                    }
                    err = Math.Max(err, Math.Abs(new1.Re[s] - eRe) + Math.Abs(new1.Im[s] - eIm));
                    scale = Math.Max(scale, Math.Abs(eRe) + Math.Abs(eIm));
                    // Level 0 after the call: old level 1, filtered only from call 2 on.
                    double fRe = call >= 2 ? old1.Re[s] + g * (old0.Re[s] - 2 * old1.Re[s] + new1.Re[s]) : old1.Re[s];
                    double fIm = call >= 2 ? old1.Im[s] + g * (old0.Im[s] - 2 * old1.Im[s] + new1.Im[s]) : old1.Im[s];
                    ferr = Math.Max(ferr, Math.Abs(new0.Re[s] - fRe) + Math.Abs(new0.Im[s] - fIm));
                }
            Assert.True(err <= 1e-14 * scale, $"call {call}: step formula error {err / scale:E2}");
            Assert.True(ferr <= 1e-14 * scale, $"call {call}: filter error {ferr / scale:E2}");
        }
    }

    /// <summary>A7: the reference's "ts = 1" runner keeps level 0 after two calls; that equals one forward step.</summary>
    [SkippableFact]
    public void A7_OneStepRunnerEqualsForwardStep()
    {
        var psi = Oracle.Layers("/onestep/input", "psi");
        using var a = new QgSolver(G, QgParameters.Truth);
        a.Initialize(new QgState(G, psi, null));
        a.Step();
        using var b = new QgSolver(G, QgParameters.Truth);
        b.Initialize(new QgState(G, psi, null));
        b.Advance(2);
        Assert.Equal(a.Current.Psi, b.Previous.Psi);
        Assert.Equal(a.Current.Q, b.Previous.Q);
    }

    [SkippableFact]
    public void A8_ZonalAmplitudeSpectrumConvention()
    {
        var f = new double[G.RealSize];
        for (int j = 0; j < G.Ny; j++) for (int i = 0; i < G.Nx; i++) f[j * G.Nx + i] = Math.Cos(2 * Math.PI * 5 * G.X[i] / G.Lx);
        var s = QgDiagnostics.ZonalAmplitudeSpectrum(G, f);
        Assert.Equal(48.0, s[5], 10);
        for (int m = 0; m < s.Length; m++) if (m != 5) Assert.True(s[m] < 1e-12, $"S({m}) = {s[m]}");
    }

    private static SpectralField Copy(SpectralField a)
    {
        var c = new SpectralField(a.Length);
        c.CopyFrom(a);
        return c;
    }
}

/// <summary>The deterministic initial condition.</summary>
public sealed class InitialConditionTests
{
    [SkippableFact]
    public void AnalyticIcMatchesOracleBitwise()
    {
        var ic = InitialConditions.Analytic(Grid.Default);
        var expected = Oracle.Layers("/ic", "psi");
        Assert.True(Oracle.RelativeMaxError(ic.Psi, expected) <= 1e-15, "analytic IC differs from /ic");
    }

    [SkippableFact]
    public void SeededIcIsDeterministicAndDifferent()
    {
        var a = InitialConditions.Analytic(Grid.Default, 7);
        var b = InitialConditions.Analytic(Grid.Default, 7);
        var c = InitialConditions.Analytic(Grid.Default, 8);
        Assert.Equal(a.Psi.ToArray(), b.Psi.ToArray());
        Assert.NotEqual(a.Psi.ToArray(), c.Psi.ToArray());
    }
}
