using Science.QgModel.Spectral;

namespace Science.QgModel.Tests;

/// <summary>Seeded analytic and random fields for operator tests.</summary>
internal static class TestFields
{
    /// <summary>
    /// A random real field whose spectrum is limited to |m| ≤ <paramref name="maxM"/> and |n| ≤ <paramref name="maxN"/>
    /// (no Nyquist content), built as a sum of seeded random cosines.
    /// </summary>
    public static double[] BandLimited(Grid g, int maxM, int maxN, int seed, double amplitude = 1.0)
    {
        var rng = new Random(seed);
        var f = new double[g.RealSize];
        int modes = 40;
        for (int t = 0; t < modes; t++)
        {
            int m = rng.Next(0, maxM + 1), n = rng.Next(-maxN, maxN + 1);
            double a = amplitude * (rng.NextDouble() - 0.5), phase = 2 * Math.PI * rng.NextDouble();
            for (int j = 0; j < g.Ny; j++)
                for (int i = 0; i < g.Nx; i++)
                    f[j * g.Nx + i] += a * Math.Cos(2 * Math.PI * ((double)m * i / g.Nx + (double)n * j / g.Ny) + phase);
        }
        return f;
    }

    /// <summary>Two layers with zero barotropic mean (ψ1 + ψ2 has zero domain mean).</summary>
    public static double[] TwoLayerPsi(Grid g, int maxM, int maxN, int seed)
    {
        var a = BandLimited(g, maxM, maxN, seed);
        var b = BandLimited(g, maxM, maxN, seed + 1);
        double mean = (a.Average() + b.Average()) / 2;
        for (int p = 0; p < a.Length; p++) { a[p] -= mean; b[p] -= mean; }
        return [.. a, .. b];
    }

    public static SpectralField Hat(QgSpectral sp, ReadOnlySpan<double> f)
    {
        var h = new SpectralField(sp.Grid);
        sp.Forward(f, h);
        return h;
    }

    public static double MaxAbs(ReadOnlySpan<double> a)
    {
        double m = 0;
        foreach (var v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
