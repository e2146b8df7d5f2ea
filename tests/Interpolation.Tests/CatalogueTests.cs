using Science.Numerics.Fft;
using Science.Interpolation.Cubic;
using Science.Interpolation.Rbf;
using Science.Interpolation.Spectral;
using static Science.Interpolation.Tests.InterpolationTestData;

namespace Science.Interpolation.Tests;

/// <summary>Names, factories, registration and the JSON config.</summary>
public sealed class CatalogueTests
{
    [Fact]
    public void Built_ins_come_first_and_create_their_interpolators()
    {
        Assert.Equal(["exact", "cubic", "rbf", "oi"], InterpolatorCatalogue.Names.Take(4));
        Assert.IsType<ExactInterpolator>(InterpolatorCatalogue.Create("exact"));
        Assert.IsType<CubicInterpolator>(InterpolatorCatalogue.Create("cubic"));
        var rbf = Assert.IsType<RbfInterpolator>(InterpolatorCatalogue.Create("rbf", new InterpolatorOptions { RbfEpsilon = 0.2, RbfMaxSensors = 50 }));
        Assert.Equal(0.2, rbf.Epsilon);
        Assert.Equal(50, rbf.MaxSensors);
        var oi = Assert.IsType<SpectralOptimalInterpolator>(InterpolatorCatalogue.Create("oi", new InterpolatorOptions { PriorSpectrum = Prior, NoiseLevel = 0.01 }));
        Assert.Equal(0.01, oi.NoiseLevel);
        var e = Assert.Throws<ArgumentException>(() => InterpolatorCatalogue.Create("spline"));
        Assert.Contains("exact cubic rbf oi", e.Message);
        Assert.Contains("needs a prior", Assert.Throws<ArgumentException>(() => InterpolatorCatalogue.Create("oi")).Message);
    }

    [Fact]
    public void Other_modules_register_interpolators_but_cannot_replace_built_ins()
    {
        InterpolatorCatalogue.Register("test-constant", o => new Constant(o.Seed), "for tests", ["constant_value"]);
        Assert.Contains("test-constant", InterpolatorCatalogue.Names);
        Assert.True(InterpolatorCatalogue.Contains("test-constant"));
        Assert.Equal(7, ((Constant)InterpolatorCatalogue.Create("test-constant", new InterpolatorOptions { Seed = 7 })).Seed);
        InterpolatorCatalogue.Register("test-constant", o => new Constant(-1)); // replacing a registration is allowed
        Assert.Equal(-1, ((Constant)InterpolatorCatalogue.Create("test-constant")).Seed);
        Assert.Throws<ArgumentException>(() => InterpolatorCatalogue.Register("oi", _ => new Constant(0)));
        Assert.Throws<ArgumentException>(() => InterpolatorCatalogue.Register("two words", _ => new Constant(0)));
    }

    [Fact]
    public void Options_load_from_json_with_comments_extras_and_relative_prior_paths()
    {
        string dir = Directory.CreateTempSubdirectory("interp-config").FullName;
        try
        {
            Prior.Save(Path.Combine(dir, "prior.json"));
            string path = Path.Combine(dir, "config.json");
            File.WriteAllText(path, """
                {
                  // the prior sits next to this file
                  "prior": "prior.json",
                  "noise_level": 0.001,
                  "rbf_epsilon": 0.15,
                  "oi_tile": 8,
                  "fft": "managed",
                  "hidden": 256,
                }
                """);
            var o = InterpolatorOptions.Load(path);
            Assert.Equal("prior.json", o.Prior);
            Assert.Equal(0.001, o.NoiseLevel);
            Assert.Equal(0.15, o.RbfEpsilon);
            Assert.Equal(8, o.OiTile);
            Assert.Equal(Science.Numerics.Fft.FftBackendKind.Managed, o.Fft);
            Assert.Equal(256, o.GetExtra("hidden", 0));
            Assert.Equal(3, o.GetExtra("depth", 3));
            var oi = Assert.IsType<SpectralOptimalInterpolator>(InterpolatorCatalogue.Create("oi", o with { Extra = null }));
            Assert.Equal(Prior.Variance(0).ToArray(), oi.Prior.Variance(0).ToArray());
            Assert.Equal(8, oi.TileSize);
            Assert.Contains("\"noise_level\": 0.001", o.ToJson());

            File.WriteAllText(path, """{"rbf_epsilon": -1}""");
            Assert.Contains("rbf_epsilon", Assert.Throws<FormatException>(() => InterpolatorOptions.Load(path)).Message);
            File.WriteAllText(path, """{"rbf_epsilon": "x"}""");
            Assert.Contains(path, Assert.Throws<FormatException>(() => InterpolatorOptions.Load(path)).Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private sealed class Constant(int seed) : IInterpolator
    {
        public int Seed { get; } = seed;
        public string Name => "test-constant";
        public double[] Interpolate(SensorLayout layout, ReadOnlySpan<double> values, InterpolationContext context) => new double[2 * layout.Grid.RealSize];
    }
}
