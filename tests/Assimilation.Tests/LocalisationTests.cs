using Science.Assimilation.Analysis;
using Science.Observing;

namespace Science.Assimilation.Tests;

/// <summary>The LETKF's R-localisation: Gaspari–Cohn taper, periodic distances, no update beyond 2c.</summary>
public sealed class LocalisationTests
{
    [Fact]
    public void GaspariCohnHasDapperValues()
    {
        Assert.Equal(1.0, GaspariCohn.Taper(0, 5));
        Assert.Equal(0.0, GaspariCohn.Taper(10, 5));
        Assert.Equal(0.0, GaspariCohn.Taper(12, 5));
        Assert.Equal(5.0 / 24, GaspariCohn.Taper(5, 5), 12); // both branches meet at 5/24 (≈ 0.208) at r = 1
        Assert.Equal(Math.Exp(-0.5), GaspariCohn.Taper(4, GaspariCohn.HalfWidthFromDapperRadius(4)), 1); // ≈ e^{-1/2} at loc_rad
        Assert.Equal(2, PeriodicDistance.Axis(39, 1, 40));
    }

    [Fact]
    public void ADistantObservationDoesNotMoveAFarVariable()
    {
        const int n = 40, members = 10;
        var h = new SubsetObservation(n, [0]);
        var r = ObservationError.Isotropic(1, 0.5);
        var domain = LocalisationDomain.Ring(n, h, 1);
        var e0 = new double[members * n];
        Science.Numerics.SeedSequence.Gaussian(4, 1.0, e0); // independent members: spurious long-range covariances
        double[] y = [3.0];

        var local = (double[])e0.Clone();
        new LetkfAnalysis(h, r, domain, 4.0, members, n, 2).Analyse(local, y, y, 0);
        var global = (double[])e0.Clone();
        new LetkfAnalysis(h, r, domain, 1e6, members, n, 2).Analyse(global, y, y, 0);
        for (int i = 0; i < n; i++)
        {
            double d = Math.Min(i, n - i);
            bool moved = Enumerable.Range(0, members).Any(m => local[m * n + i] != e0[m * n + i]);
            if (d >= 8) Assert.False(moved, $"variable {i} at distance {d} ≥ 2c moved");
            if (d == 0) Assert.True(moved, "the observed variable must move");
            Assert.True(Enumerable.Range(0, members).Any(m => global[m * n + i] != e0[m * n + i]), $"without localisation variable {i} should move");
        }
    }

    [Fact]
    public void WithUnitTaperTheLetkfEqualsTheEtkf()
    {
        const int n = 10, members = 6;
        var h = new IdentityObservation(n);
        var r = ObservationError.Isotropic(n, 0.7);
        var e0 = new double[members * n];
        Science.Numerics.SeedSequence.Gaussian(9, 1.0, e0);
        var y = Enumerable.Range(0, n).Select(i => 0.1 * i).ToArray();
        var a = (double[])e0.Clone();
        var b = (double[])e0.Clone();
        new LetkfAnalysis(h, r, LocalisationDomain.Ring(n, h, 2), 1e9, members, n, 1).Analyse(a, y, y, 0);
        new EtkfAnalysis(h, r, members, n).Analyse(b, y, y, 0);
        for (int i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 1e-12);
    }
}
