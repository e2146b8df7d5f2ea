using Science.Medida.Increments;
using Science.Models.Ks;
using Science.Models.Lorenz;

namespace Science.Medida.Tests;

/// <summary>The model-agnostic increment of <see cref="OneStepIncrement"/>: it measures the model error of a model that is not QG.</summary>
public class OneStepIncrementTests
{
    /// <summary>
    /// Lorenz-63 with the model's ρ = 20 against the truth's ρ = 28: the model error is (0, 8x, 0), and the one-step
    /// increment approaches it at first order in Δt (the truth and model steps differ by Δt·(f_t − f_m) + O(Δt²)).
    /// </summary>
    [Fact]
    public void LorenzIncrementConvergesToTheTendencyDifferenceAtFirstOrder()
    {
        double[] x0 = [1.509, -1.531, 25.46];
        double[] errors = new double[2];
        double[] dts = [2e-3, 1e-3];
        for (int k = 0; k < dts.Length; k++)
        {
            using var truth = new Lorenz63(dt: dts[k]);
            using var model = new Lorenz63(rho: 20, dt: dts[k]);
            truth.SetState(x0);
            truth.Advance(1);
            var next = new double[3];
            truth.CopyState(next);
            var h = new double[3];
            var forecast = new double[3];
            OneStepIncrement.Compute(model, x0, next, h, forecast);
            double[] expected = [0, 8 * x0[0], 0];
            errors[k] = Math.Sqrt(h.Select((v, i) => (v - expected[i]) * (v - expected[i])).Sum());
            Assert.Equal(next[1] - forecast[1], h[1] * dts[k], 12);
        }
        // First order: halving Δt halves the error (the O(Δt) part of the two RK4 steps' difference).
        Assert.InRange(errors[0] / errors[1], 1.8, 2.2);
        Assert.True(errors[1] < 0.5, $"error {errors[1]} at dt 1e-3 (|model error| = {8 * x0[0]:F2})");
    }

    [Fact]
    public void MultiLevelOverloadContinuesFromBothLevels()
    {
        var p = KsParameters.Dapper with { TimeStep = 0.05, Stepper = KsStepperKind.Cnab2 };
        var u = KuramotoSivashinsky.InitialCondition(p, noise: 0.01, seed: 5);
        using var m = new KuramotoSivashinsky(p);
        m.SetState(u);
        m.Advance(3);
        var previous = new double[p.N];
        var current = new double[p.N];
        m.CopyPreviousState(previous);
        m.CopyState(current);
        m.Advance(1);
        var uninterrupted = new double[p.N];
        m.CopyState(uninterrupted);

        // With the observation equal to the model's own continuation, the increment vanishes to round-off (the levels
        // pass through the grid and back, ~1e−15 relative); a restart from one level (CNAB2's Euler start) does not.
        var h = new double[p.N];
        using var other = new KuramotoSivashinsky(p);
        OneStepIncrement.Compute(other, previous, current, uninterrupted, h);
        double continued = h.Max(Math.Abs) * p.TimeStep;
        Assert.True(continued < 1e-12, $"continued from both levels: max |h·Δt| = {continued:E2}");
        OneStepIncrement.Compute((Science.Models.IDynamicalModel)other, current, uninterrupted, h);
        double restarted = h.Max(Math.Abs) * p.TimeStep;
        Assert.True(restarted > 1e3 * continued, $"restart {restarted:E2} vs continued {continued:E2}");
    }

    [Fact]
    public void MismatchedLengthsNameTheArgument()
    {
        using var model = new Lorenz63();
        var e = Assert.Throws<ArgumentException>(() => OneStepIncrement.Compute(model, new double[2], new double[3], new double[3]));
        Assert.Equal("start", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => OneStepIncrement.Compute(model, new double[3], new double[3], new double[4]));
        Assert.Equal("increment", e.ParamName);
    }
}
