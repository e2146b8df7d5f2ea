using Science.Assimilation.Analysis;
using Science.Observing;

namespace Science.Assimilation.Tests;

/// <summary>Limits every analysis must meet: with R → 0 and a full-rank ensemble the analysis mean is the observation.</summary>
public sealed class AnalysisLimitTests
{
    public static TheoryData<string> Kinds => new() { "enkf", "etkf", "letkf" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void VanishingObservationErrorReturnsTheObservations(string kind)
    {
        const int n = 5, members = 20;
        var truth = new[] { 1.0, -2.0, 0.5, 3.0, 0.0 };
        var e = new double[members * n];
        Science.Numerics.SeedSequence.Gaussian(5, 1.0, e);
        for (int m = 0; m < members; m++) for (int i = 0; i < n; i++) e[m * n + i] += truth[i];
        var h = new IdentityObservation(n);
        var r = ObservationError.Isotropic(n, 1e-7);
        var y = truth.Select((v, i) => v + 0.3 * (i - 2)).ToArray();
        IEnsembleAnalysis a = kind switch
        {
            "enkf" => new PerturbedObservationAnalysis(h, r, members, n),
            "etkf" => new EtkfAnalysis(h, r, members, n),
            _ => new LetkfAnalysis(h, r, LocalisationDomain.Ring(n, h, 1), 1e6, members, n, 1),
        };
        a.Analyse(e, y, truth, 1);
        var (mean, _) = TestData.Moments(e, members, n);
        for (int i = 0; i < n; i++) Assert.Equal(y[i], mean[i], 1e-5);
    }
}
