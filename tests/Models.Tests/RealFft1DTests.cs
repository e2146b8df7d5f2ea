using Science.Numerics.Fft;

namespace Science.Models.Tests;

/// <summary>The public 1-D real FFT against a naive DFT (exactly reduced twiddles), NumPy semantics.</summary>
public class RealFft1DTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(128)]
    [InlineData(1024)]
    [InlineData(96)]
    [InlineData(192)]
    [InlineData(15)]
    [InlineData(2)]
    public void ForwardMatchesNaiveDft(int n)
    {
        var x = Random(n, 1);
        var fft = new RealFft1D(n);
        int k = n / 2 + 1;
        var re = new double[k];
        var im = new double[k];
        fft.Forward(x, re, im);
        var (nr, ni) = NaiveRfft(x);
        Assert.True(RelativeError(re, im, nr, ni) <= 1e-13, $"n = {n}: relative error {RelativeError(re, im, nr, ni):E2}");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(128)]
    [InlineData(1024)]
    [InlineData(96)]
    [InlineData(192)]
    [InlineData(15)]
    public void InverseMatchesNaiveAndIgnoresImaginaryDcAndNyquist(int n)
    {
        int k = n / 2 + 1;
        var re = Random(k, 2);
        var im = Random(k, 3);
        var x = new double[n];
        new RealFft1D(n).Inverse(re, im, x);
        // Naive irfft: Hermitian extension, Im X_0 (and Im X_{n/2} for even n) dropped.
        var want = new double[n];
        for (int j = 0; j < n; j++)
        {
            double s = re[0];
            for (int q = 1; q < k; q++)
            {
                (double c, double sn) = CosSin(j * (long)q, n);
                bool nyquist = n % 2 == 0 && q == n / 2;
                double term = re[q] * c - (nyquist ? 0 : im[q] * sn);
                s += nyquist ? term : 2 * term;
            }
            want[j] = s / n;
        }
        double num = 0, den = 0;
        for (int j = 0; j < n; j++) { num += (x[j] - want[j]) * (x[j] - want[j]); den += want[j] * want[j]; }
        Assert.True(Math.Sqrt(num / den) <= 1e-13, $"n = {n}: relative error {Math.Sqrt(num / den):E2}");
    }

    [Fact]
    public void RoundTripIsIdentity()
    {
        const int n = 1024;
        var x = Random(n, 4);
        var fft = new RealFft1D(n);
        var re = new double[n / 2 + 1];
        var im = new double[n / 2 + 1];
        var y = new double[n];
        fft.Forward(x, re, im);
        fft.Inverse(re, im, y);
        for (int j = 0; j < n; j++) Assert.Equal(x[j], y[j], 1e-14);
    }

    [Fact]
    public void RejectsTooShortLength()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft1D(1));
        Assert.Equal("n", e.ParamName);
    }

    private static (double[] Re, double[] Im) NaiveRfft(double[] x)
    {
        int n = x.Length, k = n / 2 + 1;
        var re = new double[k];
        var im = new double[k];
        for (int q = 0; q < k; q++)
        {
            for (int j = 0; j < n; j++)
            {
                (double c, double s) = CosSin(j * (long)q, n);
                re[q] += x[j] * c;
                im[q] -= x[j] * s;
            }
        }
        return (re, im);
    }

    private static (double Cos, double Sin) CosSin(long t, int n)
    {
        (double s, double c) = Math.SinCos(2 * Math.PI * (t % n) / n);
        return (c, s);
    }

    private static double RelativeError(double[] ar, double[] ai, double[] br, double[] bi)
    {
        double num = 0, den = 0;
        for (int q = 0; q < ar.Length; q++)
        {
            num += (ar[q] - br[q]) * (ar[q] - br[q]) + (ai[q] - bi[q]) * (ai[q] - bi[q]);
            den += br[q] * br[q] + bi[q] * bi[q];
        }
        return Math.Sqrt(num / den);
    }

    private static double[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1)];
    }
}
