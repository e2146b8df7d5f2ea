using Science.Interpolation.Spectral;
using Science.QgModel;
using Science.QgModel.Spectral;
using static Science.Interpolation.Tests.InterpolationTestData;

namespace Science.Interpolation.Tests;

/// <summary>The spectral optimal interpolation and its prior.</summary>
public sealed class SpectralOptimalInterpolatorTests
{
    private static readonly Grid Small = new(32, 16, 46.0, 17.0);

    // A synthetic prior λ = (1 + K²)^-3 and a random field drawn from it.
    private static (SpectralPrior Prior, double[] Psi) Synthetic(int seed)
    {
        var lambda = new double[Small.SpectralSize];
        for (int s = 0; s < lambda.Length; s++) lambda[s] = Math.Pow(1 + Small.KSquared[s], -3);
        var prior = new SpectralPrior(Small, lambda, lambda, 1, "synthetic");
        var rng = new Random(seed);
        var psi = new double[2 * Small.RealSize];
        using var sp = new QgSpectral(Small);
        var hat = new SpectralField(Small);
        for (int layer = 0; layer < 2; layer++)
        {
            for (int s = 0; s < lambda.Length; s++)
            {
                double a = Math.Sqrt(prior.Variance(layer)[s] * Small.RealSize / 2);
                hat.Re[s] = a * Gaussian(rng);
                hat.Im[s] = a * Gaussian(rng);
            }
            sp.ProjectToReal(hat);
            sp.Inverse(hat, psi.AsSpan(layer * Small.RealSize, Small.RealSize));
        }
        return (prior, psi);

        static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
    }

    [Fact]
    public void Noise_free_solve_is_exact_at_the_sensors_and_reports_convergence()
    {
        var (prior, psi) = Synthetic(1);
        var layout = SensorLayout.RandomSubset(Small, 0.6, 2);
        var values = layout.SampleLayers(psi);
        var oi = new SpectralOptimalInterpolator(prior);
        var result = oi.Solve(layout, values);
        for (int layer = 0; layer < 2; layer++)
            for (int k = 0; k < layout.Count; k++)
                Assert.Equal(values[layer * layout.Count + k], result.Psi[layer * Small.RealSize + layout.Indices[k]]);
        Assert.All(result.Layers, r =>
        {
            Assert.Equal("missing", r.Form);
            Assert.True(r.Converged);
            Assert.InRange(r.Iterations, 1, 2000);
            Assert.True(r.RelativeResidual <= 1e-9);
            Assert.Equal(Small.RealSize - layout.Count, r.Unknowns);
        });
    }

    [Fact]
    public void Weight_form_with_small_noise_approaches_the_noise_free_estimate_and_smooths_with_large_noise()
    {
        var (prior, psi) = Synthetic(3);
        var layout = SensorLayout.RandomSubset(Small, 0.3, 4);
        var values = layout.SampleLayers(psi);
        var exact = new SpectralOptimalInterpolator(prior).Solve(layout, values).Psi;
        var tiny = new SpectralOptimalInterpolator(prior, noiseVariance: 1e-12 * prior.PointVariance(0)).Solve(layout, values);
        Assert.All(tiny.Layers, r => Assert.Equal("weights", r.Form));
        Assert.True(MaxAbsDiff(tiny.Psi, exact) <= 1e-4 * exact.Max(Math.Abs), $"weight vs missing form differ by {MaxAbsDiff(tiny.Psi, exact):E2}");
        var noisy = new SpectralOptimalInterpolator(prior, noiseLevel: 0.5).Solve(layout, values);
        Assert.All(noisy.Layers, r => Assert.True(r.Converged));
        double atSensors = 0;
        for (int k = 0; k < layout.Count; k++) atSensors = Math.Max(atSensors, Math.Abs(noisy.Psi[layout.Indices[k]] - values[k]));
        Assert.True(atSensors > 1e-3, "with noise the estimate must not interpolate the data exactly");
    }

    [Fact]
    public void Full_layout_with_noise_is_solved_in_one_preconditioned_iteration()
    {
        var (prior, psi) = Synthetic(5);
        var layout = SensorLayout.Full(Small);
        var r = new SpectralOptimalInterpolator(prior, noiseVariance: 0.1 * prior.PointVariance(0)).Solve(layout, layout.SampleLayers(psi));
        Assert.All(r.Layers, l => Assert.InRange(l.Iterations, 1, 2));
    }

    [Fact]
    public void Prior_replaces_the_mean_mode_and_round_trips_through_json()
    {
        var prior = Prior;
        Assert.Equal(5, prior.Samples);
        for (int layer = 0; layer < 2; layer++)
        {
            var v = prior.Variance(layer);
            Assert.Equal(0.5 * (v[1] + v[Grid.Default.Nk]), v[0]);
            Assert.All(v.ToArray(), x => Assert.True(x > 0));
        }
        // The raw spectrum's mean mode is negligible (findings: ~1e-29 of the variance).
        var raw = SpectralPrior.FromStates([Truth], "one");
        Assert.True(raw.Variance(0)[0] > 1e-3 * raw.Variance(0)[1]); // replaced, not kept
        string dir = Directory.CreateTempSubdirectory("prior").FullName;
        try
        {
            string path = Path.Combine(dir, "prior.json");
            prior.Save(path);
            var back = SpectralPrior.Load(path);
            Assert.True(back.Grid.SameAs(prior.Grid));
            Assert.Equal(prior.Samples, back.Samples);
            Assert.Equal(prior.Variance(0).ToArray(), back.Variance(0).ToArray());
            Assert.Equal(prior.Variance(1).ToArray(), back.Variance(1).ToArray());
            var fromTrajectory = SpectralPrior.Load(TrajectoryPath, [1, 2, 3, 4, 5]);
            Assert.Equal(prior.Variance(1).ToArray(), fromTrajectory.Variance(1).ToArray());
            File.WriteAllText(path, "{\"format\": \"something else\"}");
            Assert.Contains("science-spectral-prior", Assert.Throws<FormatException>(() => SpectralPrior.Load(path)).Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Layout_on_another_grid_is_refused()
    {
        var (prior, _) = Synthetic(1);
        var layout = Layout(0.5);
        Assert.Contains("prior", Assert.Throws<ArgumentException>(() =>
            new SpectralOptimalInterpolator(prior).Solve(layout, new double[2 * layout.Count])).Message);
    }

    private static double MaxAbsDiff(double[] a, double[] b) => a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
}
