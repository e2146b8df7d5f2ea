using Science.Assimilation.Analysis;
using Science.Observing;

namespace Science.Assimilation.Tests;

/// <summary>
/// G1 (spec §13 G): a linear-Gaussian analysis with a known prior. State 50, H = I, prior N(0, P), R = 0.1²I,
/// N = 20 000: the analysis mean is within 2 % (relative L2) of the exact Kalman mean and the analysis covariance
/// within 5 % (relative Frobenius) of (I − K)P.
/// </summary>
public sealed class LinearGaussianTests
{
    private const int N = 50, Members = 20_000;

    public static TheoryData<string> Methods => new() { "enkf", "etkf" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void AnalysisMatchesTheKalmanFilter(string method)
    {
        var p = TestData.RingCovariance(N, 1.0, 3.0, 1e-3);
        var l = TestData.Cholesky(p, N);
        var ensemble = TestData.Draw(l, N, Members, 11);
        var truth = TestData.Draw(l, N, 1, 12);
        var r = ObservationError.Isotropic(N, 0.1);
        var noise = new double[N];
        r.Draw(13, noise);
        var y = truth.Zip(noise, (a, b) => a + b).ToArray();
        var h = new IdentityObservation(N);
        IEnsembleAnalysis analysis = method == "enkf"
            ? new PerturbedObservationAnalysis(h, r, Members, N)
            : new EtkfAnalysis(h, r, Members, N);
        analysis.Analyse(ensemble, y, truth, 14);

        // Exact: K = P (P + R)⁻¹, x_a = K y, P_a = (I − K) P.
        var s = (double[])p.Clone();
        for (int i = 0; i < N; i++) s[i * N + i] += 0.01;
        var inv = new double[N * N];
        Assert.True(Science.Numerics.LinearAlgebra.SmallDense.TryInverseSpd(s, N, inv, new double[N * N]));
        var k = new double[N * N];
        Dense.Multiply(p, inv, k, N, N, N);
        var xa = new double[N];
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) xa[i] += k[i * N + j] * y[j];
        var pa = new double[N * N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
            {
                double v = p[i * N + j];
                for (int q = 0; q < N; q++) v -= k[i * N + q] * p[q * N + j];
                pa[i * N + j] = v;
            }
        var (mean, cov) = TestData.Moments(ensemble, Members, N);
        double meanError = TestData.Relative(mean, xa), covError = TestData.Relative(cov, pa);
        Assert.True(meanError < 0.02, $"{method}: analysis mean off by {meanError:P2}");
        Assert.True(covError < 0.05, $"{method}: analysis covariance off by {covError:P2}");
    }

    [Fact]
    public void ObservationAndEnsembleSpaceFormsAgree()
    {
        const int n = 12, m = 12, members = 30;
        var p = TestData.RingCovariance(n, 1.0, 2.0, 1e-2);
        var e0 = TestData.Draw(TestData.Cholesky(p, n), n, members, 3);
        var h = new SubsetObservation(n, Enumerable.Range(0, m).ToArray());
        var r = new ObservationError(Enumerable.Range(0, m).Select(j => 0.3 + 0.05 * j).ToArray());
        var y = Enumerable.Range(0, m).Select(j => Math.Sin(j)).ToArray();
        foreach (var make in new Func<bool, IEnsembleAnalysis>[]
                 {
                     o => new EtkfAnalysis(h, r, members, n, o),
                     o => new PerturbedObservationAnalysis(h, r, members, n, o),
                 })
        {
            var a = (double[])e0.Clone();
            var b = (double[])e0.Clone();
            make(true).Analyse(a, y, y, 5);
            make(false).Analyse(b, y, y, 5);
            for (int i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 1e-10);
        }
    }
}
