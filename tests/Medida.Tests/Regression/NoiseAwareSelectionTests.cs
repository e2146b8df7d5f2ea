using Science.Medida.Regression;

namespace Science.Medida.Tests.Regression;

/// <summary>
/// The noise-aware δ-rule (tolerance δ + ε·nMSE_min): on the layer-1 L-curve measured for case 1001 from assimilated
/// 1 %-noise sensors (SR 0.25, 10 snapshots), δ alone picks an 8-term fit while ε = 0.05 picks the exact support;
/// ε = 0 is the spec's rule.
/// </summary>
public sealed class NoiseAwareSelectionTests
{
    // threshold, nMSE, terms — the rows of the measured sweep (bench/results/qg-assimilated-discovery.md, docs/assimilated-increments.md).
    private static readonly SweepEntry[] Assimilated1001 =
    [
        new(100, true, 0.99773136434458964, 1),
        new(1000, true, 0.18675908848416828, 3),
        new(10000, true, 0.18675908848416817, 3),
        new(100000, true, 0.18601545862362265, 8),
        new(1000000, true, 0.18601545862362276, 8),
        new(10000000, true, 0.18539161029875442, 10),
    ];

    [Fact]
    public void TheSpecsRuleTakesTheEightTermFit()
    {
        var s = new SweepResult(Assimilated1001, 1, 1).Select(1e-3);
        Assert.Equal(8, s.Selected!.TermCount);
        Assert.Equal(s, new SweepResult(Assimilated1001, 1, 1).Select(1e-3, 0));
    }

    [Fact]
    public void ARelativeToleranceOfFivePercentTakesTheExactSupport()
    {
        var s = new SweepResult(Assimilated1001, 1, 1).Select(1e-3, 0.05);
        Assert.Equal(3, s.Selected!.TermCount);
        // Ties in term count go to the smaller nMSE (the 1e4 row by 1e-16).
        Assert.Equal(10000, s.Selected.Threshold);
        // The tolerance is additive: the exact support is 0.00137 above nMSE_min; δ + ε·nMSE_min reaches it from
        // ε ≈ 0.0020 (1e-3 + 0.002·0.18539 = 0.00137), so ε = 0.001 still takes the 8-term fit and ε = 0.003 the exact support.
        Assert.Equal(8, new SweepResult(Assimilated1001, 1, 1).Select(1e-3, 0.001).Selected!.TermCount);
        Assert.Equal(3, new SweepResult(Assimilated1001, 1, 1).Select(1e-3, 0.003).Selected!.TermCount);
    }

    [Fact]
    public void ANegativeRelativeToleranceIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new SweepResult(Assimilated1001, 1, 1).Select(1e-3, -0.1));
        Assert.Contains("relative delta", e.Message);
    }
}
