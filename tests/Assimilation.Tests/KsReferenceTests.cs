using Science.Assimilation.Analysis;

namespace Science.Assimilation.Tests;

/// <summary>G2 (spec §13 G): the KS-reference EnKF is reproducible, and with σ_m = 0 and a full-rank P_f it returns the clean truth.</summary>
public sealed class KsReferenceTests
{
    private const int N = 32, Members = 100;

    private static (double[] Forecast, double[] Truth) Inputs()
    {
        var truth = Enumerable.Range(0, N).Select(j => Math.Cos(2 * Math.PI * j / N) * (1 + Math.Sin(2 * Math.PI * j / N))).ToArray();
        var z = new double[Members * N];
        Science.Numerics.SeedSequence.Gaussian(21, 0.25, z);
        for (int m = 0; m < Members; m++)
            for (int j = 0; j < N; j++) z[m * N + j] += truth[j] + 0.1;
        return (z, truth);
    }

    [Fact]
    public void SameInputsAndSeedGiveBitIdenticalAnalyses()
    {
        var (f, w) = Inputs();
        var a1 = new double[f.Length]; var m1 = new double[N];
        var a2 = new double[f.Length]; var m2 = new double[N];
        KsReferenceEnkf.Analyse(f, Members, w, 0.01, 7, a1, m1);
        KsReferenceEnkf.Analyse(f, Members, w, 0.01, 7, a2, m2);
        Assert.Equal(a1.Select(BitConverter.DoubleToInt64Bits), a2.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(m1.Select(BitConverter.DoubleToInt64Bits), m2.Select(BitConverter.DoubleToInt64Bits));
        KsReferenceEnkf.Analyse(f, Members, w, 0.01, 8, a2, m2);
        Assert.NotEqual(m1, m2);
    }

    [Fact]
    public void TheMeanAloneEqualsTheMeanOfTheMembersAnalyses()
    {
        var (f, w) = Inputs();
        var a = new double[f.Length]; var members = new double[N]; var direct = new double[N];
        KsReferenceEnkf.Analyse(f, Members, w, 0.01, 7, a, members);
        KsReferenceEnkf.AnalyseMean(f, Members, w, 0.01, 7, direct);
        for (int j = 0; j < N; j++) Assert.Equal(members[j], direct[j], 1e-12);
        // Re-centred perturbations: ū_a = ū_f + K(w − ū_f), no ε̄.
        KsReferenceEnkf.Analyse(f, Members, w, 0.01, 7, a, members, recentre: true);
        KsReferenceEnkf.AnalyseMean(f, Members, w, 0.01, 7, direct, recentre: true);
        for (int j = 0; j < N; j++) Assert.Equal(members[j], direct[j], 1e-12);
    }

    [Fact]
    public void NoNoiseReturnsTheCleanTruth()
    {
        var (f, w) = Inputs();
        var a = new double[f.Length]; var mean = new double[N];
        KsReferenceEnkf.Analyse(f, Members, w, 0.0, 7, a, mean);
        Assert.True(TestData.Relative(mean, w) < 1e-6, $"relative error {TestData.Relative(mean, w):E2}");
    }

    [Fact]
    public void BadSettingsNameTheParameter()
    {
        var (f, w) = Inputs();
        var a = new double[f.Length]; var mean = new double[N];
        Assert.Equal("noiseMagnitude", Assert.Throws<ArgumentOutOfRangeException>(() => KsReferenceEnkf.Analyse(f, Members, w, -1, 7, a, mean)).ParamName);
        Assert.Equal("members", Assert.Throws<ArgumentOutOfRangeException>(() => KsReferenceEnkf.Analyse(f, 1, w, 0, 7, a, mean)).ParamName);
    }

    [Fact]
    public void CycledKsReferenceTracksTheTruthWithItsNoiseLevel()
    {
        var xp = Science.Assimilation.Presets.PresetCatalog.Lorenz96Sakov2008().Experiment;
        xp = xp with { Chronology = new Science.Assimilation.Experiments.Chronology(0.05, 1, 30, 10) };
        var run = new Science.Assimilation.Methods.KsReference { Members = 60, NoiseMagnitude = 0.01 }.Assimilate(xp, 3);
        // The clean truth is the observation and σ_m = 0.01: the analysis stays within a few σ_m of the truth.
        Assert.InRange(run.Summary.RmseAnalysis, 0, 0.03);
    }
}
