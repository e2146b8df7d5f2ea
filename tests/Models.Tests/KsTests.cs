using System.Diagnostics;
using Science.Models.Ks;
using Xunit.Abstractions;

namespace Science.Models.Tests;

/// <summary>Kuramoto–Sivashinsky: orders of ETDRK4 and CNAB2, tendency consistency, the extra terms, statistics and stability.</summary>
public class KsTests(ITestOutputHelper output)
{
    /// <summary>A short, smooth test case: DAPPER's grid and the Kassam–Trefethen start.</summary>
    private static readonly KsParameters Smooth = KsParameters.Dapper;

    private static double[] Run(KsParameters p, double[] u0, double time)
    {
        using var m = new KuramotoSivashinsky(p);
        m.SetState(u0);
        m.Advance((int)Math.Round(time / p.TimeStep));
        var u = new double[p.N];
        m.CopyState(u);
        return u;
    }

    private static double Rms(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (p, q) => (p - q) * (p - q)).Average());

    private double[] Ratios(KsStepperKind stepper, double dt, double time, string name)
    {
        var u0 = KuramotoSivashinsky.InitialCondition(Smooth);
        var reference = Run(Smooth with { TimeStep = dt / 64 }, u0, time);
        var errors = new[] { 1, 2, 4 }.Select(f => Rms(Run(Smooth with { TimeStep = dt / f, Stepper = stepper }, u0, time), reference)).ToArray();
        var ratios = new[] { errors[0] / errors[1], errors[1] / errors[2] };
        output.WriteLine($"{name}: dt {dt}, {dt / 2}, {dt / 4} to t = {time}: rms errors {string.Join(", ", errors.Select(e => e.ToString("E3")))}; ratios {ratios[0]:F2}, {ratios[1]:F2}");
        return ratios;
    }

    [Fact]
    public void EtdRk4ConvergesAtFourthOrder()
    {
        foreach (double r in Ratios(KsStepperKind.EtdRk4, 0.2, 4, "ETDRK4")) Assert.InRange(r, 13, 19);
    }

    [Fact]
    public void Cnab2ConvergesAtSecondOrder()
    {
        foreach (double r in Ratios(KsStepperKind.Cnab2, 0.02, 4, "CNAB2")) Assert.InRange(r, 3.5, 4.5);
    }

    [Fact]
    public void StepsOfBothSteppersApproachTheTendency()
    {
        var p = KsParameters.Dapper;
        var u = KuramotoSivashinsky.InitialCondition(p, noise: 0.01, seed: 4);
        using var etd = new KuramotoSivashinsky(p with { TimeStep = 1e-6 });
        using var cn = new KuramotoSivashinsky(p with { TimeStep = 1e-6, Stepper = KsStepperKind.Cnab2 });
        var f = new double[p.N];
        etd.Tendency(u, f);
        double norm = Math.Sqrt(f.Average(v => v * v));
        foreach (var m in new[] { etd, cn })
        {
            m.SetState(u);
            m.Advance(1);
            var v = new double[p.N];
            m.CopyState(v);
            double err = Math.Sqrt(v.Select((x, j) => Math.Pow((x - u[j]) / 1e-6 - f[j], 2)).Average()) / norm;
            output.WriteLine($"{m.Parameters.Stepper}: |(Φ(u) − u)/Δt − f(u)| / |f| = {err:E2} at Δt = 1e-6");
            Assert.True(err < 1e-4, $"{m.Parameters.Stepper}: {err}");
        }
        // And the two tendencies are the same function (one operator).
        var g = new double[p.N];
        cn.Tendency(u, g);
        Assert.True(f.SequenceEqual(g));
    }

    [Fact]
    public void ExtraTermsAddTheirTendencies()
    {
        var p = KsParameters.Dapper with { Lambda0 = 0.7 };
        double k1 = 3 * 2 * Math.PI / p.Length;
        var x = Enumerable.Range(0, p.N).Select(p.X).ToArray();
        var u = x.Select(v => 0.8 * Math.Sin(k1 * v) + 0.3).ToArray();
        var baseline = Tendency(p, u);

        var uxxx = Tendency(p with { ExtraTerm = KsExtraTerm.Uxxx, Lambda3 = 0.5 }, u);
        for (int j = 0; j < p.N; j++)
        {
            double want = -0.5 * (-0.8 * k1 * k1 * k1 * Math.Cos(k1 * x[j])); // −λ3 u_xxx
            Assert.Equal(want, uxxx[j] - baseline[j], 1e-12);
        }

        var cubic = Tendency(p with { ExtraTerm = KsExtraTerm.CubicFlux, Lambda3 = 0.15 }, u);
        for (int j = 0; j < p.N; j++)
        {
            double ux = 0.8 * k1 * Math.Cos(k1 * x[j]);
            double want = -1.5 * 0.7 * 0.15 * u[j] * u[j] * ux; // −(3/2)λ0λ3 u²u_x
            Assert.Equal(want, cubic[j] - baseline[j], 1e-12);
        }
    }

    private static double[] Tendency(KsParameters p, double[] u)
    {
        using var m = new KuramotoSivashinsky(p);
        var f = new double[p.N];
        m.Tendency(u, f);
        return f;
    }

    [Fact]
    public void DapperSetupStatistics()
    {
        var p = KsParameters.Dapper;
        using var m = new KuramotoSivashinsky(p);
        m.SetState(KuramotoSivashinsky.InitialCondition(p));
        var sw = Stopwatch.StartNew();
        m.SpinUp(300); // 150 time units, as DAPPER
        var (energy, energySe, peak) = Statistics(m, samples: 4000, every: 1);
        output.WriteLine($"DAPPER KS (N=128, L=32π, ETDRK4 dt 0.5): ½⟨u²⟩ = {energy:F4} ± {energySe:F4}, spectrum peak κ = {peak:F4} " +
            $"({sw.Elapsed.TotalMilliseconds / 4300 * 1000:F1} µs per step incl. diagnostics)");
        Assert.InRange(energy, 0.6, 1.1);
        Assert.InRange(peak, 0.5, 0.95);
    }

    [Fact]
    public void MedidaSetupRunsStablyAndHasTheSameStatistics()
    {
        // Spin-up and statistics with ETDRK4 at dt 0.02 / 0.01 (ETDRK4 is exact on the linear part, so these are fine
        // and 50–100× cheaper than 1e-3), then the reference step 1e-3 and the imperfect CNAB2 step 5e-3 from there.
        var p = KsParameters.MedidaTruth;
        var u = KuramotoSivashinsky.InitialCondition(p, noise: 0.1, seed: 1);
        using (var coarse = new KuramotoSivashinsky(p with { TimeStep = 0.02 }))
        {
            coarse.SetState(u);
            coarse.SpinUp(2500); // 50 time units
            coarse.CopyState(u);
        }
        using (var stats = new KuramotoSivashinsky(p with { TimeStep = 0.01 }))
        {
            stats.SetState(u);
            var (energy, energySe, peak) = Statistics(stats, samples: 100, every: 50); // 50 time units
            output.WriteLine($"MEDIDA KS grid (N=1024, L=100), ETDRK4 dt 0.01 after 50 time units of spin-up: ½⟨u²⟩ = {energy:F4} ± {energySe:F4}, peak κ = {peak:F4}");
            Assert.InRange(energy, 0.6, 1.1);
            Assert.InRange(peak, 0.5, 0.95);
            stats.CopyState(u);
        }

        using var m = new KuramotoSivashinsky(p);
        m.SetState(u);
        var sw = Stopwatch.StartNew();
        m.Advance(5000); // 5 time units at the reference step
        output.WriteLine($"MEDIDA KS truth (ETDRK4 dt 1e-3): {sw.Elapsed.TotalMilliseconds / 5000 * 1000:F1} µs per step, 5 time units stable");
        m.CopyState(u);
        Assert.InRange(u.Average(v => v * v) / 2, 0.3, 1.5);

        using var model = new KuramotoSivashinsky(KsParameters.MedidaModel);
        model.SetState(u);
        sw.Restart();
        model.Advance(1000);
        output.WriteLine($"MEDIDA KS model (CNAB2 dt 5e-3): {sw.Elapsed.TotalMilliseconds / 1000 * 1000:F1} µs per step, 5 time units stable");
        model.CopyState(u);
        Assert.InRange(u.Average(v => v * v) / 2, 0.3, 1.5);
    }

    /// <summary>Mean energy ½⟨u²⟩ (± standard error over 4 blocks) and the κ of the peak of the mean spectrum |û_k|².</summary>
    private static (double Energy, double StandardError, double PeakKappa) Statistics(KuramotoSivashinsky m, int samples, int every)
    {
        int n = m.StateSize, k = n / 2 + 1;
        var u = new double[n];
        var re = new double[k];
        var im = new double[k];
        var spectrum = new double[k];
        var energies = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            m.Advance(every);
            m.CopyState(u);
            energies[s] = u.Average(v => v * v) / 2;
            m.Operator.Fft.Forward(u, re, im);
            for (int q = 0; q < k; q++) spectrum[q] += re[q] * re[q] + im[q] * im[q];
        }
        var blocks = Enumerable.Range(0, 4).Select(b => energies.Skip(b * samples / 4).Take(samples / 4).Average()).ToArray();
        double mean = energies.Average();
        double se = Math.Sqrt(blocks.Sum(b => (b - mean) * (b - mean)) / 3 / 4);
        int peak = 1;
        for (int q = 1; q < k - 1; q++) if (spectrum[q] > spectrum[peak]) peak = q;
        return (mean, se, m.Operator.Wavenumbers[peak]);
    }

    [Fact]
    public void BlowUpKeepsTheLastGoodState()
    {
        var p = KsParameters.Dapper with { TimeStep = 5, Stepper = KsStepperKind.Cnab2 };
        using var m = new KuramotoSivashinsky(p);
        var u0 = KuramotoSivashinsky.InitialCondition(p).Select(v => 1e150 * v).ToArray();
        m.SetState(u0);
        var e = Assert.ThrowsAny<ModelBlowUpException>(() => m.Advance(50));
        output.WriteLine(e.Message);
        var u = new double[p.N];
        m.CopyState(u);
        Assert.All(u, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(e.Step - 1, m.StepCount);
    }

    [Fact]
    public void Cnab2ContinueAndSetLevelsAgreeAndDifferFromRestart()
    {
        var p = KsParameters.Dapper with { TimeStep = 0.05, Stepper = KsStepperKind.Cnab2 };
        var u0 = KuramotoSivashinsky.InitialCondition(p, noise: 0.01, seed: 2);
        using var a = new KuramotoSivashinsky(p);
        using var b = new KuramotoSivashinsky(p);
        a.SetState(u0);
        a.Advance(10);
        var prev = new double[p.N];
        var cur = new double[p.N];
        a.CopyPreviousState(prev);
        a.CopyState(cur);
        // Continue with a zero increment keeps a's history; b is given the same two levels explicitly. Both go
        // through the grid ↔ spectrum round trip, so they agree to rounding (not bit for bit).
        a.SetState(cur, LevelUpdate.Continue);
        b.SetLevels(prev, cur, a.Time, a.StepCount);
        a.Advance(5);
        b.Advance(5);
        var ua = new double[p.N];
        var ub = new double[p.N];
        a.CopyState(ua);
        b.CopyState(ub);
        Assert.Equal(15, b.StepCount);
        for (int j = 0; j < p.N; j++) Assert.Equal(ua[j], ub[j], 1e-13);
        // Without the previous level (restart: AB1 start-up step) the result differs at O(Δt²).
        using var c = new KuramotoSivashinsky(p);
        c.SetState(cur, a.Time - 5 * p.TimeStep, 10);
        c.Advance(5);
        var uc = new double[p.N];
        c.CopyState(uc);
        double diff = ua.Zip(uc, (x, y) => Math.Abs(x - y)).Max();
        Assert.InRange(diff, 1e-9, 1e-2);
        Assert.Throws<ArgumentException>(() => b.SetState(new double[3]));
    }

    [Fact]
    public void ParametersAreValidated()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new KuramotoSivashinsky(KsParameters.Dapper with { N = 7 }));
        Assert.Equal("N", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new KuramotoSivashinsky(KsParameters.Dapper with { TimeStep = -1 }));
        Assert.Equal("TimeStep", e.ParamName);
        Assert.Equal(-50, KsParameters.MedidaTruth.X(0));
        Assert.Equal(32 * Math.PI, KsParameters.Dapper.X(127), 1e-12);
    }
}
