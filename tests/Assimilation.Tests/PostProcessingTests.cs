using Science.Assimilation.Analysis;
using Science.Assimilation.Statistics;

namespace Science.Assimilation.Tests;

/// <summary>Inflation, RTPS and the random rotation do what they say.</summary>
public sealed class PostProcessingTests
{
    private const int Members = 8, N = 6;

    private static double[] Ensemble()
    {
        var e = new double[Members * N];
        Science.Numerics.SeedSequence.Gaussian(2, 1.0, e);
        for (int i = 0; i < e.Length; i++) e[i] += i % N;
        return e;
    }

    [Fact]
    public void InflationScalesTheAnomaliesAndKeepsTheMean()
    {
        var e = Ensemble();
        var (mean0, cov0) = TestData.Moments(e, Members, N);
        new AnomalyPostProcessor(Members, N, 1.1, 0, false).Apply(e, new double[N], 0);
        var (mean1, cov1) = TestData.Moments(e, Members, N);
        for (int i = 0; i < N; i++) Assert.Equal(mean0[i], mean1[i], 1e-13);
        for (int i = 0; i < cov0.Length; i++) Assert.Equal(1.21 * cov0[i], cov1[i], 1e-12);
    }

    [Fact]
    public void FullRtpsRestoresTheForecastSpread()
    {
        var e = Ensemble();
        var forecastSpread = Enumerable.Range(0, N).Select(j => 0.5 + j).ToArray();
        new AnomalyPostProcessor(Members, N, 1.0, 1.0, false).Apply(e, forecastSpread, 0);
        var (_, cov) = TestData.Moments(e, Members, N);
        for (int j = 0; j < N; j++) Assert.Equal(forecastSpread[j], Math.Sqrt(cov[j * N + j]), 1e-12);
    }

    [Fact]
    public void HalfRtpsRelaxesHalfWay()
    {
        var e = Ensemble();
        var (_, cov0) = TestData.Moments(e, Members, N);
        var forecastSpread = Enumerable.Repeat(3.0, N).ToArray();
        new AnomalyPostProcessor(Members, N, 1.0, 0.5, false).Apply(e, forecastSpread, 0);
        var (_, cov) = TestData.Moments(e, Members, N);
        for (int j = 0; j < N; j++) Assert.Equal(0.5 * (3.0 + Math.Sqrt(cov0[j * N + j])), Math.Sqrt(cov[j * N + j]), 1e-12);
    }

    [Fact]
    public void RotationPreservesMeanAndCovarianceButChangesMembers()
    {
        var e = Ensemble();
        var before = (double[])e.Clone();
        var (mean0, cov0) = TestData.Moments(e, Members, N);
        new AnomalyPostProcessor(Members, N, 1.0, 0, true).Apply(e, new double[N], 42);
        var (mean1, cov1) = TestData.Moments(e, Members, N);
        for (int i = 0; i < N; i++) Assert.Equal(mean0[i], mean1[i], 1e-13);
        for (int i = 0; i < cov0.Length; i++) Assert.Equal(cov0[i], cov1[i], 1e-12);
        Assert.True(TestData.Relative(e, before) > 0.01, "the members should be mixed");
        // Same seed, same rotation.
        var again = (double[])before.Clone();
        new AnomalyPostProcessor(Members, N, 1.0, 0, true).Apply(again, new double[N], 42);
        Assert.Equal(e, again);
    }

    /// <summary>
    /// Q from <see cref="RandomRotation"/> (applied to the identity) is orthogonal and fixes the ones vector, and its
    /// trace has the Haar moments: tr Q = 1 + tr O with E[tr O] = 0 and E[(tr O)²] = 1 for O Haar on O(k).
    /// </summary>
    [Fact]
    public void RotationIsOrthogonalMeanPreservingAndHaar()
    {
        const int n = 5, draws = 4000;
        var rotation = new RandomRotation(n, n);
        var identity = new double[n * n];
        for (int i = 0; i < n; i++) identity[i * n + i] = 1;
        var q = new double[n * n];
        double sum = 0, sumSq = 0;
        for (int draw = 0; draw < draws; draw++)
        {
            rotation.Apply(draw, identity, q);
            double trace = 0;
            for (int i = 0; i < n; i++) trace += q[i * n + i];
            sum += trace - 1;
            sumSq += (trace - 1) * (trace - 1);
            if (draw % 500 != 0) continue;
            for (int i = 0; i < n; i++)
            {
                double row = 0;
                for (int j = 0; j < n; j++)
                {
                    row += q[i * n + j];
                    double dot = 0;
                    for (int p = 0; p < n; p++) dot += q[p * n + i] * q[p * n + j];
                    Assert.Equal(i == j ? 1.0 : 0.0, dot, 1e-13);
                }
                Assert.Equal(1.0, row, 1e-13);
            }
        }
        // σ of the means: 1/√4000 ≈ 0.016 and √(2/4000) ≈ 0.022; bounds at ≈ 5σ.
        Assert.True(Math.Abs(sum / draws) < 0.08, $"E[tr O] = {sum / draws:F3}, expected 0");
        Assert.True(Math.Abs(sumSq / draws - 1) < 0.12, $"E[(tr O)²] = {sumSq / draws:F3}, expected 1");
    }

    [Fact]
    public void SpreadUsesTheUnbiasedVariance()
    {
        double[] a = [1, -1, 1, -1]; // 2 members × 2 variables
        var s = new double[2];
        EnsembleStatistics.Spread(a, 2, 2, s);
        Assert.Equal(Math.Sqrt(2), s[0], 14);
    }
}
