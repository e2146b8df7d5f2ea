using Science.Medida.Cases;
using Science.Medida.Increments;
using Science.Medida.Observations;
using Science.QgModel;

namespace Science.Medida.Tests;

/// <summary>The increments of the reference pipeline against the reference solver's oracle (/onestep) and spec C1.</summary>
public sealed class IncrementOracleTests : IClassFixture<IncrementOracleTests.Fixture>
{
    /// <summary>
    /// The oracle's one-step input and the increments built from it, once per class. Built on first use inside a test,
    /// so that a missing oracle skips the tests (fails them under CI=true) instead of failing the fixture.
    /// </summary>
    public sealed class Fixture
    {
        private readonly Lazy<QgState> _input = new(() => new QgState(Grid.Default, TestData.Oracle.ReadLayers("/onestep/input"), null));
        private readonly Lazy<Increment> _case1001, _perfect;

        public Fixture()
        {
            _case1001 = new(() => new IncrementBuilder(CaseCatalogue.Get(1001), IncrementSettings.Reference, FullObservation.Instance).Build([_input.Value]));
            _perfect = new(() => new IncrementBuilder(CaseCatalogue.Get(1000), IncrementSettings.Reference, FullObservation.Instance).Build([_input.Value]));
        }

        public Increment Case1001 => _case1001.Value;
        public Increment Perfect => _perfect.Value;
    }

    private readonly Fixture _f;

    public IncrementOracleTests(Fixture fixture) => _f = fixture;

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void Case1001IncrementMatchesOracleDq(int layer)
    {
        var expected = TestData.Oracle.ReadField($"/onestep/case1001/dq_{layer}");
        double error = TestData.RelativeMaxError(_f.Case1001.Layer(0, layer - 1), expected);
        Assert.True(error <= 1e-9, $"dq_{layer}: relative max error {error:E2}");
    }

    /// <summary>The default library state is the model forecast ψ^m(t + Δt), which is the oracle's case1001 ψ.</summary>
    [SkippableFact]
    public void Case1001LibraryStateIsTheOracleForecast()
    {
        Assert.Equal(LibraryState.Forecast, _f.Case1001.Settings.LibraryState);
        Assert.Equal(PvBookkeeping.Reference, _f.Case1001.Settings.Bookkeeping);
        Assert.Equal("full", _f.Case1001.Estimator);
        Assert.Equal(0.025, _f.Case1001.Dt);
        double error = TestData.RelativeMaxError(_f.Case1001.LibraryState(0), TestData.Oracle.ReadLayers("/onestep/case1001"));
        Assert.True(error <= 1e-9, $"library ψ vs /onestep/case1001/psi: relative max error {error:E2}");
    }

    /// <summary>Spec §7.4/README: rms of the oracle's dq is 0.0508 in both layers; ours must agree.</summary>
    [SkippableFact]
    public void Case1001IncrementRmsMatchesOracleReadme()
    {
        for (int layer = 1; layer <= 2; layer++)
        {
            double ss = 0;
            var h = _f.Case1001.Layer(0, layer - 1);
            foreach (var v in h) ss += v * v;
            Assert.InRange(Math.Sqrt(ss / h.Length), 0.0503, 0.0513);
        }
    }

    /// <summary>C1 on the oracle's input: max|h_k| ≤ 1e−9 for the perfect model.</summary>
    [SkippableFact]
    public void PerfectModelIncrementIsZero()
    {
        for (int layer = 1; layer <= 2; layer++)
        {
            double max = TestData.MaxAbs(_f.Perfect.Layer(0, layer - 1));
            Assert.True(max <= 1e-9, $"max|h{layer}| = {max:E2}");
        }
    }

    /// <summary>C1 with the library at the estimate and with consistent bookkeeping too (same truth and model).</summary>
    [SkippableTheory]
    [InlineData(LibraryState.Estimate, PvBookkeeping.Reference)]
    [InlineData(LibraryState.Forecast, PvBookkeeping.Consistent)]
    public void PerfectModelIncrementIsZeroForOtherSettings(LibraryState state, PvBookkeeping bookkeeping)
    {
        var input = new QgState(Grid.Default, TestData.Oracle.ReadLayers("/onestep/input"), null);
        var inc = new IncrementBuilder(CaseCatalogue.Get(1000), new IncrementSettings(state, bookkeeping)).Build([input]);
        for (int layer = 1; layer <= 2; layer++)
            Assert.True(TestData.MaxAbs(inc.Layer(0, layer - 1)) <= 1e-9);
        if (state == LibraryState.Estimate)
            Assert.Equal(input.Psi, inc.LibraryState(0).ToArray());
    }
}
