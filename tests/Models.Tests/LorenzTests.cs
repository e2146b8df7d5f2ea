using System.Diagnostics;
using Science.Models.Diagnostics;
using Science.Models.Lorenz;
using Xunit.Abstractions;

namespace Science.Models.Tests;

/// <summary>RK4 order and leading Lyapunov exponents of Lorenz-63 and Lorenz-96.</summary>
public class LorenzTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(40)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(13)]
    public void Lorenz96TendencyHasTheBitsOfTheScalarFormulaAtEverySize(int n)
    {
        // The interior runs in SIMD vectors; each element must equal (x[i+1] − x[i−2])·x[i−1] − x[i] + F exactly.
        var rng = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => 10 * rng.NextDouble() - 5).ToArray();
        var dxdt = new double[n];
        new Lorenz96Tendency(n, 8.0).Evaluate(0, x, dxdt);
        for (int i = 0; i < n; i++)
        {
            double expected = (x[(i + 1) % n] - x[(i - 2 + n) % n]) * x[(i - 1 + n) % n] - x[i] + 8.0;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(dxdt[i]));
        }
    }

    /// <summary>A state on the attractor: a seeded start advanced <paramref name="steps"/> steps.</summary>
    internal static double[] OnAttractor(IDynamicalModel model, int steps, int seed)
    {
        var x = new double[model.StateSize];
        Science.Numerics.SeedSequence.Gaussian(seed, 1.0, x);
        if (model is Lorenz96) for (int i = 0; i < x.Length; i++) x[i] += 8;
        model.SetState(x);
        model.Advance(steps);
        model.CopyState(x);
        return x;
    }

    private static double[] Run(IDynamicalModel model, double[] x0, int steps)
    {
        model.SetState(x0);
        model.Advance(steps);
        var x = new double[model.StateSize];
        model.CopyState(x);
        return x;
    }

    private static double Distance(double[] a, double[] b) =>
        Math.Sqrt(a.Zip(b, (p, q) => (p - q) * (p - q)).Sum());

    /// <summary>Errors at T = 1 for dt, dt/2, dt/4 against dt/64; returns the two ratios e(h)/e(h/2).</summary>
    private double[] Ratios(Func<double, IDynamicalModel> make, double dt, double[] x0, string name)
    {
        int baseSteps = (int)Math.Round(1.0 / dt);
        var reference = Run(make(dt / 64), x0, baseSteps * 64);
        var errors = new[] { 1, 2, 4 }.Select(f => Distance(Run(make(dt / f), x0, baseSteps * f), reference)).ToArray();
        var ratios = new[] { errors[0] / errors[1], errors[1] / errors[2] };
        output.WriteLine($"{name}: errors {string.Join(", ", errors.Select(e => e.ToString("E3")))}; ratios {ratios[0]:F2}, {ratios[1]:F2}");
        return ratios;
    }

    [Fact]
    public void Rk4ConvergesAtFourthOrderOnLorenz63()
    {
        var x0 = OnAttractor(new Lorenz63(), 1000, 7);
        foreach (double r in Ratios(dt => new Lorenz63(dt: dt), 0.02, x0, "L63")) Assert.InRange(r, 14, 18);
    }

    [Fact]
    public void Rk4ConvergesAtFourthOrderOnLorenz96()
    {
        var x0 = OnAttractor(new Lorenz96(), 1000, 7);
        foreach (double r in Ratios(dt => new Lorenz96(dt: dt), 0.05, x0, "L96")) Assert.InRange(r, 14, 18);
    }

    [Fact]
    public void LeadingLyapunovExponentOfLorenz96()
    {
        var sw = Stopwatch.StartNew();
        using var a = new Lorenz96(dt: 0.01);
        using var b = new Lorenz96(dt: 0.01);
        var x0 = OnAttractor(a, 2000, 11);
        var est = LyapunovExponent.Estimate(a, b, x0, segments: 25, renormalisationsPerSegment: 400, renormaliseEvery: 10,
            transientRenormalisations: 200, seed: 3);
        output.WriteLine($"L96 N=40 F=8 dt=0.01: λ1 = {est} in {sw.Elapsed.TotalSeconds:F2} s");
        // Literature 1.68–1.7 per time unit.
        Assert.InRange(est.Mean, 1.60, 1.78);
        Assert.True(est.StandardError < 0.03, $"standard error {est.StandardError}");
    }

    [Fact]
    public void LeadingLyapunovExponentOfLorenz63()
    {
        var sw = Stopwatch.StartNew();
        using var a = new Lorenz63(dt: 0.01);
        using var b = new Lorenz63(dt: 0.01);
        var x0 = OnAttractor(a, 2000, 11);
        var est = LyapunovExponent.Estimate(a, b, x0, segments: 20, renormalisationsPerSegment: 500, renormaliseEvery: 10,
            transientRenormalisations: 200, seed: 3);
        output.WriteLine($"L63 σ=10 ρ=28 β=8/3 dt=0.01: λ1 = {est} in {sw.Elapsed.TotalSeconds:F2} s");
        // Literature 0.9056.
        Assert.InRange(est.Mean, 0.87, 0.94);
        Assert.True(est.StandardError < 0.02, $"standard error {est.StandardError}");
    }

    [Fact]
    public void EstimatorRejectsBadArguments()
    {
        using var a = new Lorenz63();
        using var b = new Lorenz63();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LyapunovExponent.Estimate(a, b, new double[3], segments: 1));
        Assert.Equal("segments", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => LyapunovExponent.Estimate(a, b, new double[3], delta0: 0));
        Assert.Equal("delta0", e.ParamName);
    }
}
