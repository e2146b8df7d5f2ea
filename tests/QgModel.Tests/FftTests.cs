using Science.Numerics.Fft;
using Science.QgModel.Spectral;
using Xunit.Abstractions;

namespace Science.QgModel.Tests;

/// <summary>
/// Both <see cref="IRealFft2D"/> backends against a naive double-precision DFT with NumPy rfft2/irfft2 semantics,
/// and against each other. FFTW tests are skipped where libfftw3 is not installed (and fail under CI=true).
/// </summary>
public sealed class FftTests(ITestOutputHelper output)
{
    public static TheoryData<int, int> KeySizes => new() { { 192, 96 }, { 288, 144 }, { 14, 10 }, { 22, 30 } };

    // ------------------------------------------------------------------------------------------------------
    // Naive reference (O(N²) per axis, exact integer argument reduction for the exponentials).

    private static (double C, double S) Cis(long a, long n)
    {
        long t = ((a % n) + n) % n;
        double ang = 2 * Math.PI * t / n;
        return (Math.Cos(ang), Math.Sin(ang));
    }

    /// <summary>F[n, m] = Σ_j Σ_i f[j, i] exp(−2πi (n j / Ny + m i / Nx)), m ≤ Nx/2.</summary>
    internal static (double[] Re, double[] Im) NaiveForward(double[] f, int ny, int nx)
    {
        int nk = nx / 2 + 1;
        var gr = new double[ny * nk];
        var gi = new double[ny * nk];
        for (int j = 0; j < ny; j++)
        {
            for (int m = 0; m < nk; m++)
            {
                double sr = 0, si = 0;
                for (int i = 0; i < nx; i++)
                {
                    (double c, double s) = Cis((long)m * i, nx);
                    sr += f[j * nx + i] * c;
                    si -= f[j * nx + i] * s;
                }

                gr[j * nk + m] = sr;
                gi[j * nk + m] = si;
            }
        }

        var fr = new double[ny * nk];
        var fi = new double[ny * nk];
        for (int n = 0; n < ny; n++)
        {
            for (int m = 0; m < nk; m++)
            {
                double sr = 0, si = 0;
                for (int j = 0; j < ny; j++)
                {
                    (double c, double s) = Cis((long)n * j, ny);
                    double ar = gr[j * nk + m], ai = gi[j * nk + m];
                    sr += ar * c + ai * s;
                    si += ai * c - ar * s;
                }

                fr[n * nk + m] = sr;
                fi[n * nk + m] = si;
            }
        }

        return (fr, fi);
    }

    /// <summary>
    /// NumPy irfft2: complex inverse DFT along y of every column, then a real inverse along x of every row that
    /// ignores the imaginary parts of its k = 0 and k = Nx/2 bins; normalised by 1/(Nx·Ny).
    /// </summary>
    internal static double[] NaiveInverse(double[] re, double[] im, int ny, int nx)
    {
        int nk = nx / 2 + 1;
        var gr = new double[ny * nk];
        var gi = new double[ny * nk];
        for (int j = 0; j < ny; j++)
        {
            for (int m = 0; m < nk; m++)
            {
                double sr = 0, si = 0;
                for (int l = 0; l < ny; l++)
                {
                    (double c, double s) = Cis((long)l * j, ny);
                    double ar = re[l * nk + m], ai = im[l * nk + m];
                    sr += ar * c - ai * s;
                    si += ai * c + ar * s;
                }

                gr[j * nk + m] = sr;
                gi[j * nk + m] = si;
            }
        }

        var f = new double[ny * nx];
        double scale = 1.0 / ((double)nx * ny);
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                double sum = gr[j * nk] + gr[j * nk + nx / 2] * (i % 2 == 0 ? 1 : -1);
                for (int m = 1; m < nx / 2; m++)
                {
                    (double c, double s) = Cis((long)m * i, nx);
                    sum += 2 * (gr[j * nk + m] * c - gi[j * nk + m] * s);
                }

                f[j * nx + i] = sum * scale;
            }
        }

        return f;
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers.

    private static double[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = 2 * rng.NextDouble() - 1;
        }

        return a;
    }

    private static double MaxAbs(ReadOnlySpan<double> a)
    {
        double m = 0;
        foreach (double x in a)
        {
            m = Math.Max(m, Math.Abs(x));
        }

        return m;
    }

    private static double MaxDiff(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double m = 0;
        for (int i = 0; i < a.Length; i++)
        {
            m = Math.Max(m, Math.Abs(a[i] - b[i]));
        }

        return m;
    }

    /// <summary>Relative max-norm distance of the complex arrays (re1, im1) and (re2, im2).</summary>
    private static double RelErr(double[] re1, double[] im1, double[] re2, double[] im2) =>
        Math.Max(MaxDiff(re1, re2), MaxDiff(im1, im2)) / Math.Max(MaxAbs(re2), MaxAbs(im2));

    private static double RelErr(double[] a, double[] b) => MaxDiff(a, b) / MaxAbs(b);

    /// <summary>Skips the test where libfftw3 is not installed (fails it under CI=true, where .ci/run installs it).</summary>
    private static void RequireFftw() =>
        Science.Tests.Shared.Prerequisite.Require(FftwRealFft2D.IsAvailable, "libfftw3 (libfftw3.so.3)",
            "apt-get install libfftw3-double3");

    private static IRealFft2D Make(string backend, int ny, int nx) => backend switch
    {
        "managed" => new ManagedRealFft2D(ny, nx),
        "managed256" => new ManagedRealFft2D(ny, nx, 4),
        "managed128" => new ManagedRealFft2D(ny, nx, 2),
        "scalar" => new ManagedRealFft2D(ny, nx, 1),
        "fftw" => MakeFftw(ny, nx),
        _ => throw new ArgumentException(backend),
    };

    public static IEnumerable<object[]> Backends() => [["managed"], ["fftw"]];

    public static IEnumerable<object[]> KeyCases()
    {
        foreach (string b in new[] { "managed", "fftw" })
        {
            foreach ((int ny, int nx) in new[] { (192, 96), (288, 144), (14, 10), (22, 30) })
            {
                yield return [b, ny, nx];
            }
        }
    }

    public static IEnumerable<object[]> AllSizeCases()
    {
        int[][] sizes =
        [
            [2, 2], [2, 4], [4, 2], [6, 6], [8, 16], [16, 8], [32, 64], [12, 18], [20, 50], [14, 98], [26, 22],
            [34, 6], [10, 14], [128, 36], [48, 24], [24, 40], [44, 12],
        ];
        foreach (string b in new[] { "managed", "managed256", "managed128", "scalar", "fftw" })
        {
            foreach (int[] s in sizes)
            {
                yield return [b, s[0], s[1]];
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Accuracy against the naive DFT.

    [SkippableTheory]
    [MemberData(nameof(KeyCases))]
    public void ForwardMatchesNaiveDft(string backend, int ny, int nx)
    {
        using IRealFft2D fft = Make(backend, ny, nx);

        double[] f = Random(ny * nx, 1);
        (double[] er, double[] ei) = NaiveForward(f, ny, nx);
        var re = new double[ny * fft.Nk];
        var im = new double[ny * fft.Nk];
        fft.Forward(f, re, im);
        double err = RelErr(re, im, er, ei);
        output.WriteLine($"{backend} {ny}x{nx}: forward relative max error {err:E2}");
        Assert.True(err <= 1e-13, $"forward error {err:E3}");
    }

    [SkippableTheory]
    [MemberData(nameof(KeyCases))]
    public void InverseMatchesNaiveIrfft2(string backend, int ny, int nx)
    {
        using IRealFft2D fft = Make(backend, ny, nx);

        // An arbitrary, non-Hermitian spectrum: the k = 0 and Nx/2 columns are not consistent, so this also checks
        // NumPy's rule of dropping the imaginary parts of those bins after the y transform.
        int n = ny * fft.Nk;
        double[] re = Random(n, 2), im = Random(n, 3);
        double[] expected = NaiveInverse(re, im, ny, nx);
        var f = new double[ny * nx];
        fft.Inverse(re, im, f);
        double err = RelErr(f, expected);
        output.WriteLine($"{backend} {ny}x{nx}: inverse relative max error {err:E2}");
        Assert.True(err <= 1e-13, $"inverse error {err:E3}");
    }

    [SkippableTheory]
    [MemberData(nameof(AllSizeCases))]
    public void EveryRadixPathMatchesNaive(string backend, int ny, int nx)
    {
        using IRealFft2D fft = Make(backend, ny, nx);

        double[] f = Random(ny * nx, ny * 1000 + nx);
        (double[] er, double[] ei) = NaiveForward(f, ny, nx);
        int n = ny * fft.Nk;
        var re = new double[n];
        var im = new double[n];
        fft.Forward(f, re, im);
        Assert.True(RelErr(re, im, er, ei) <= 1e-13, $"forward {RelErr(re, im, er, ei):E3}");

        double[] sr = Random(n, 7), si = Random(n, 8);
        double[] expected = NaiveInverse(sr, si, ny, nx);
        var g = new double[ny * nx];
        fft.Inverse(sr, si, g);
        Assert.True(RelErr(g, expected) <= 1e-13, $"inverse {RelErr(g, expected):E3}");
    }

    [SkippableTheory]
    [MemberData(nameof(KeyCases))]
    public void RoundTripIsIdentity(string backend, int ny, int nx)
    {
        using IRealFft2D fft = Make(backend, ny, nx);

        double[] f = Random(ny * nx, 4);
        var re = new double[ny * fft.Nk];
        var im = new double[ny * fft.Nk];
        var g = new double[ny * nx];
        fft.Forward(f, re, im);
        fft.Inverse(re, im, g);
        double err = RelErr(g, f);
        output.WriteLine($"{backend} {ny}x{nx}: round trip relative max error {err:E2}");
        Assert.True(err <= 1e-14, $"round trip error {err:E3}");
    }

    [SkippableTheory]
    [MemberData(nameof(KeyCases))]
    public void InverseIgnoresImaginaryPartsOfSelfConjugateBins(string backend, int ny, int nx)
    {
        using IRealFft2D fft = Make(backend, ny, nx);

        int nk = fft.Nk, n = ny * nk;
        double[] re = Random(n, 5), im = Random(n, 6);
        var f1 = new double[ny * nx];
        fft.Inverse(re, im, f1);

        // The bins at (l, k) with l ∈ {0, Ny/2} and k ∈ {0, Nx/2} are their own conjugates: their imaginary parts
        // must not contribute at all.
        double[] im2 = (double[])im.Clone();
        foreach (int l in new[] { 0, ny / 2 })
        {
            foreach (int k in new[] { 0, nx / 2 })
            {
                im2[l * nk + k] += 100.0 * (l + k + 1);
            }
        }

        var f2 = new double[ny * nx];
        fft.Inverse(re, im2, f2);
        double err = RelErr(f2, f1);
        Assert.True(err <= 1e-13, $"self-conjugate imaginary parts changed the output by {err:E3}");

        // More generally, the k = 0 and k = Nx/2 columns act through their Hermitian part along y only:
        // im[l] − im[Ny − l] symmetric additions (anti-Hermitian parts of the column) do not change the result.
        double[] re3 = (double[])re.Clone(), im3 = (double[])im.Clone();
        var rng = new Random(9);
        foreach (int k in new[] { 0, nx / 2 })
        {
            for (int l = 1; l < ny / 2; l++)
            {
                double a = rng.NextDouble(), b = rng.NextDouble();
                // add c at l and −conj(c) at Ny − l: (a + ib) and (−a + ib)
                re3[l * nk + k] += a;
                im3[l * nk + k] += b;
                re3[(ny - l) * nk + k] -= a;
                im3[(ny - l) * nk + k] += b;
            }
        }

        var f3 = new double[ny * nx];
        fft.Inverse(re3, im3, f3);
        double err3 = RelErr(f3, f1);
        Assert.True(err3 <= 1e-13, $"anti-Hermitian parts of the k = 0 / Nx/2 columns changed the output by {err3:E3}");
    }

    // ------------------------------------------------------------------------------------------------------
    // Padded variants.

    public static IEnumerable<object[]> PaddedCases()
    {
        foreach (string b in new[] { "managed", "managed256", "scalar", "fftw" })
        {
            yield return [b, 288, 144, 192, 49];
            yield return [b, 288, 144, 192, 73];
            yield return [b, 22, 30, 14, 6];
            yield return [b, 22, 30, 22, 16];
            yield return [b, 14, 10, 2, 1];
        }
    }

    [SkippableTheory]
    [MemberData(nameof(PaddedCases))]
    public void InverseFromSmallerEqualsZeroPaddedInverse(string backend, int ny, int nx, int srcNy, int srcNk)
    {
        using IRealFft2D fft = Make(backend, ny, nx);

        int nk = fft.Nk;
        double[] sre = Random(srcNy * srcNk, 10), sim = Random(srcNy * srcNk, 11);
        var pre = new double[ny * nk];
        var pim = new double[ny * nk];
        for (int l = 0; l < srcNy; l++)
        {
            int row = l < srcNy / 2 ? l : l + ny - srcNy;
            Array.Copy(sre, l * srcNk, pre, row * nk, srcNk);
            Array.Copy(sim, l * srcNk, pim, row * nk, srcNk);
        }

        var expected = new double[ny * nx];
        fft.Inverse(pre, pim, expected);
        var f = new double[ny * nx];
        f.AsSpan().Fill(double.NaN);
        fft.InverseFromSmaller(sre, sim, srcNy, srcNk, f);
        double err = RelErr(f, expected);
        Assert.True(err <= 1e-14, $"padded inverse differs by {err:E3}");

        // Also right after a full-size call and a different padding (no state leaks between calls).
        fft.InverseFromSmaller(pre, pim, ny, nk, f);
        fft.InverseFromSmaller(sre, sim, srcNy, srcNk, f);
        Assert.True(RelErr(f, expected) <= 1e-14);
    }

    [SkippableTheory]
    [MemberData(nameof(PaddedCases))]
    public void ForwardToSmallerEqualsTruncatedForward(string backend, int ny, int nx, int dstNy, int dstNk)
    {
        using IRealFft2D fft = Make(backend, ny, nx);

        int nk = fft.Nk;
        double[] f = Random(ny * nx, 12);
        var fre = new double[ny * nk];
        var fim = new double[ny * nk];
        fft.Forward(f, fre, fim);
        var ere = new double[dstNy * dstNk];
        var eim = new double[dstNy * dstNk];
        for (int l = 0; l < dstNy; l++)
        {
            int row = l < dstNy / 2 ? l : l + ny - dstNy;
            Array.Copy(fre, row * nk, ere, l * dstNk, dstNk);
            Array.Copy(fim, row * nk, eim, l * dstNk, dstNk);
        }

        var re = new double[dstNy * dstNk];
        var im = new double[dstNy * dstNk];
        fft.ForwardToSmaller(f, re, im, dstNy, dstNk);
        double err = RelErr(re, im, ere, eim);
        Assert.True(err <= 1e-14, $"truncated forward differs by {err:E3}");
    }

    // ------------------------------------------------------------------------------------------------------
    // Cross-backend agreement, determinism, allocation.

    [SkippableTheory]
    [MemberData(nameof(KeySizes))]
    public void ManagedAndFftwAgree(int ny, int nx)
    {
        RequireFftw();

        using var managed = new ManagedRealFft2D(ny, nx);
        using var fftw = new FftwRealFft2D(ny, nx);
        int n = ny * managed.Nk;
        double[] f = Random(ny * nx, 13);
        double[] r1 = new double[n], i1 = new double[n], r2 = new double[n], i2 = new double[n];
        managed.Forward(f, r1, i1);
        fftw.Forward(f, r2, i2);
        double errF = RelErr(r1, i1, r2, i2);

        double[] sr = Random(n, 14), si = Random(n, 15);
        double[] g1 = new double[ny * nx], g2 = new double[ny * nx];
        managed.Inverse(sr, si, g1);
        fftw.Inverse(sr, si, g2);
        double errI = RelErr(g1, g2);

        // The 3/2-rule pattern.
        if (ny % 3 == 0 && nx % 3 == 0 && ny * 2 / 3 % 2 == 0 && nx * 2 / 3 % 2 == 0)
        {
            int sny = ny * 2 / 3, snk = nx / 3 + 1;
            double[] a = Random(sny * snk, 16), b = Random(sny * snk, 17);
            managed.InverseFromSmaller(a, b, sny, snk, g1);
            fftw.InverseFromSmaller(a, b, sny, snk, g2);
            errI = Math.Max(errI, RelErr(g1, g2));
            double[] p1 = new double[sny * snk], q1 = new double[sny * snk];
            double[] p2 = new double[sny * snk], q2 = new double[sny * snk];
            managed.ForwardToSmaller(f, p1, q1, sny, snk);
            fftw.ForwardToSmaller(f, p2, q2, sny, snk);
            errF = Math.Max(errF, RelErr(p1, q1, p2, q2));
        }

        output.WriteLine($"{ny}x{nx}: managed vs fftw forward {errF:E2}, inverse {errI:E2}");
        Assert.True(errF <= 1e-13, $"forward differs by {errF:E3}");
        Assert.True(errI <= 1e-13, $"inverse differs by {errI:E3}");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void RepeatedCallsAreBitIdentical(string backend)
    {
        const int ny = 288, nx = 144;
        using IRealFft2D fft = Make(backend, ny, nx);
        using IRealFft2D other = Make(backend, ny, nx);

        int n = ny * fft.Nk;
        double[] f = Random(ny * nx, 18);
        double[] r1 = new double[n], i1 = new double[n], r2 = new double[n], i2 = new double[n];
        fft.Forward(f, r1, i1);
        double[] g1 = new double[ny * nx], g2 = new double[ny * nx];
        fft.Inverse(r1, i1, g1);
        fft.Forward(f, r2, i2);
        fft.Inverse(r1, i1, g2);
        Assert.Equal(r1, r2);
        Assert.Equal(i1, i2);
        Assert.Equal(g1, g2);

        // A second instance gives the same bits too.
        other.Forward(f, r2, i2);
        other.Inverse(r1, i1, g2);
        Assert.Equal(r1, r2);
        Assert.Equal(i1, i2);
        Assert.Equal(g1, g2);
    }

    [SkippableTheory]
    [InlineData(288, 144)]
    [InlineData(22, 30)]
    public void ManagedResultsDoNotDependOnSimdWidth(int ny, int nx)
    {
        int nk = nx / 2 + 1, n = ny * nk;
        double[] f = Random(ny * nx, 20), sr = Random(n, 21), si = Random(n, 22);
        double[]? re0 = null, im0 = null, g0 = null;
        foreach (int width in new[] { 0, 4, 2, 1 })
        {
            using var fft = new ManagedRealFft2D(ny, nx, width);
            double[] re = new double[n], im = new double[n], g = new double[ny * nx];
            fft.Forward(f, re, im);
            fft.Inverse(sr, si, g);
            re0 ??= re;
            im0 ??= im;
            g0 ??= g;
            Assert.Equal(re0, re);
            Assert.Equal(im0, im);
            Assert.Equal(g0, g);
        }
    }

    [SkippableFact]
    public void FftwPlansCanBeMadeFromManyThreads()
    {
        RequireFftw();

        const int ny = 48, nx = 36;
        double[] f = Random(ny * nx, 23);
        var results = new double[8][];
        Parallel.For(0, 8, t =>
        {
            for (int rep = 0; rep < 5; rep++)
            {
                using var fft = new FftwRealFft2D(ny, nx);
                var re = new double[ny * fft.Nk];
                var im = new double[ny * fft.Nk];
                fft.Forward(f, re, im);
                results[t] = re;
            }
        });
        foreach (double[] r in results)
        {
            Assert.Equal(results[0], r);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void TransformsDoNotAllocate(string backend)
    {
        const int ny = 288, nx = 144, sny = 192, snk = 49;
        using IRealFft2D fft = Make(backend, ny, nx);

        int n = ny * fft.Nk;
        double[] f = Random(ny * nx, 19);
        double[] re = new double[n], im = new double[n], g = new double[ny * nx];
        double[] sr = new double[sny * snk], si = new double[sny * snk];

        void Run()
        {
            fft.Forward(f, re, im);
            fft.Inverse(re, im, g);
            fft.ForwardToSmaller(g, sr, si, sny, snk);
            fft.InverseFromSmaller(sr, si, sny, snk, g);
        }

        for (int k = 0; k < 5; k++)
        {
            Run(); // warm-up (tiered JIT)
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 100; k++)
        {
            Run();
        }

        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(before, after);
    }

    private static FftwRealFft2D MakeFftw(int ny, int nx)
    {
        RequireFftw();
        return new FftwRealFft2D(ny, nx);
    }

    // ------------------------------------------------------------------------------------------------------
    // Factory and validation.

    [SkippableFact]
    public void CreatePicksBackends()
    {
        using IRealFft2D managed = RealFft2D.Create(12, 10, FftBackendKind.Managed);
        Assert.Equal("managed", managed.Backend);
        Assert.Equal((12, 10, 6), (managed.Ny, managed.Nx, managed.Nk));

        using IRealFft2D auto = RealFft2D.Create(12, 10);
        Assert.Equal("managed", auto.Backend); // Auto = the faster managed transform (measured ~2× FFTW ESTIMATE here)

        if (FftwRealFft2D.IsAvailable)
        {
            using IRealFft2D fftw = RealFft2D.Create(12, 10, FftBackendKind.Fftw);
            Assert.Equal("fftw", fftw.Backend);
        }
        else
        {
            var ex = Assert.Throws<InvalidOperationException>(() => RealFft2D.Create(12, 10, FftBackendKind.Fftw));
            Assert.Contains("libfftw3-double3", ex.Message);
        }
    }

    [SkippableTheory]
    [InlineData(0, 8, "ny")]
    [InlineData(7, 8, "ny")]
    [InlineData(-2, 8, "ny")]
    [InlineData(8, 1, "nx")]
    [InlineData(8, 9, "nx")]
    public void CreateRejectsBadSizes(int ny, int nx, string param)
    {
        foreach (FftBackendKind kind in new[] { FftBackendKind.Auto, FftBackendKind.Managed })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RealFft2D.Create(ny, nx, kind));
            Assert.Equal(param, ex.ParamName);
            Assert.Contains("even", ex.Message);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void PaddedVariantsRejectBadShapes(string backend)
    {
        using IRealFft2D fft = Make(backend, 12, 10);

        var big = new double[12 * 10];
        var spec = new double[12 * 6];
        Assert.Equal("srcNy", Assert.Throws<ArgumentOutOfRangeException>(
            () => fft.InverseFromSmaller(spec, spec, 3, 4, big)).ParamName);
        Assert.Equal("srcNy", Assert.Throws<ArgumentOutOfRangeException>(
            () => fft.InverseFromSmaller(spec, spec, 14, 4, big)).ParamName);
        Assert.Equal("srcNk", Assert.Throws<ArgumentOutOfRangeException>(
            () => fft.InverseFromSmaller(spec, spec, 8, 7, big)).ParamName);
        Assert.Equal("dstNk", Assert.Throws<ArgumentOutOfRangeException>(
            () => fft.ForwardToSmaller(big, spec, spec, 8, 0)).ParamName);
        Assert.Throws<ArgumentException>(() => fft.Forward(big.AsSpan(1), spec, spec));
    }
}
