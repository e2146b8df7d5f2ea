using Science.Numerics;

namespace Science.Assimilation.Tests;

/// <summary>The allocation-free Gaussian draws: reproducible, N(0, σ²), independent across derived seeds.</summary>
public sealed class GaussianStreamTests
{
    [Fact]
    public void DrawsAreReproducibleAndHaveTheRightMoments()
    {
        var a = new double[100_001];
        var b = new double[100_001];
        GaussianStream.Fill(SeedSequence.Derive(7, 1, 2), 2.0, a);
        GaussianStream.Fill(SeedSequence.Derive(7, 1, 2), 2.0, b);
        Assert.Equal(a, b);
        double mean = a.Average(), var = a.Sum(v => (v - mean) * (v - mean)) / (a.Length - 1);
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(var, 4 * 0.98, 4 * 1.02);
        GaussianStream.Fill(SeedSequence.Derive(7, 1, 3), 2.0, b);
        double corr = a.Zip(b, (x, y) => x * y).Sum() / (a.Length * 4.0);
        Assert.InRange(corr, -0.02, 0.02);
    }

    [Fact]
    public void FillingAllocatesNothing()
    {
        var a = new double[1000];
        GaussianStream.Fill(1, 1.0, a);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 100; k++) GaussianStream.Fill(k, 1.0, a);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
