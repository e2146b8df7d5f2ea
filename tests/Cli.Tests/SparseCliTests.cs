using Science.Numerics.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using Science.QgModel.IO;

namespace Science.Cli.Tests;

/// <summary>The sparse-observation contract of the CLI: <c>--list-interpolators</c>, <c>medida interpolate</c>,
/// <c>--sensors</c> forms, <c>--sensor-seed</c>, the training progress bar and the errors.</summary>
[Collection(CliCollection.Name)]
public sealed class SparseCliTests
{
    private static readonly string[] ContractNames = ["exact", "cubic", "rbf", "mlp", "rff"];

    [Theory]
    [InlineData("discover")]
    [InlineData("increments")]
    [InlineData("interpolate")]
    public void ListInterpolatorsPrintsTheNamesSeparatedBySpaces(string command)
    {
        var r = Medida.Ok(command, "--list-interpolators");
        Assert.Single(r.OutLines);
        var names = r.OutLines[0].Split(' ');
        foreach (string name in ContractNames) Assert.Contains(name, names);
        Assert.Contains("oi", names);
        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Fact]
    public void InterpolateWritesEstimateDiagnosticsAndSensorsAndASensorFileReproducesIt()
    {
        using var dir = new TempDir();
        string first = dir.File("EST.h5"), second = dir.File("AGAIN.h5");
        var r = Medida.Ok("interpolate", "--state", Repo.Trajectory, "--sensors", "0.75", "--interpolator", "cubic", "--output", first);
        Assert.Contains(r.OutLines, l => Regex.IsMatch(l, @"^sensors\s+: 13824 "));

        string sensors = dir.File("EST.sensors.csv");
        foreach (string chart in new[] { "EST.spectra.html", "EST.maps.html" })
        {
            Assert.True(new FileInfo(dir.File(chart)).Length > 10_000, chart);
            Assert.Contains("Plotly.newPlot", File.ReadAllText(dir.File(chart)));
        }
        var lines = File.ReadAllLines(sensors);
        Assert.Equal("i,j", lines[1]);
        Assert.Equal(13824, lines.Length - 2);

        using (var doc = JsonDocument.Parse(File.ReadAllText(dir.File("EST.json"))))
        {
            var layers = doc.RootElement.GetProperty("layers").EnumerateArray().ToArray();
            Assert.Equal(2, layers.Length);
            // Cubic at SR 0.75 on the shipped snapshot: ψ to a few 1e-3, ∇²ψ to tens of per cent (the D2 regime).
            // Measured (deterministic: seeded sensors): ψ 2.713e-3 / 6.578e-3, ∇²ψ 0.4500 / 0.2714 (layers 1 / 2);
            // bands measured ÷/× 1.5 (were ψ [1e-6, 2e-2] and ∇²ψ [1e-2, 2.0] for both layers).
            (double Lo, double Hi)[] psiBand = [(1.8e-3, 4.1e-3), (4.4e-3, 9.9e-3)];
            (double Lo, double Hi)[] lapBand = [(0.30, 0.68), (0.18, 0.41)];
            for (int i = 0; i < 2; i++)
            {
                Assert.InRange(layers[i].GetProperty("psi_error").GetDouble(), psiBand[i].Lo, psiBand[i].Hi);
                Assert.InRange(layers[i].GetProperty("laplacian_error").GetDouble(), lapBand[i].Lo, lapBand[i].Hi);
            }
        }

        // The written point list as --sensors FILE gives the same sensors and so the same estimate, bit for bit.
        Medida.Ok("interpolate", "--state", Repo.Trajectory, "--sensors", sensors, "--interpolator", "cubic", "--output", second, "--no-charts");
        Assert.False(File.Exists(dir.File("AGAIN.maps.html")));
        Assert.Equal(lines.Skip(1), File.ReadAllLines(dir.File("AGAIN.sensors.csv")).Skip(1));
        using var a = Hdf5Reader.Open(first);
        using var b = Hdf5Reader.Open(second);
        Assert.True(Bits.Equal(a.ReadFloat64("/psi", [2, 192, 96]), b.ReadFloat64("/psi", [2, 192, 96])));
    }

    [Fact]
    public void SensorSeedChoosesTheRandomSubsetIndependentlyOfTheSeed()
    {
        using var dir = new TempDir();
        string[] Sensors(string name, params string[] extra)
        {
            Medida.Ok(["interpolate", "--state", Repo.SpunUp, "--sensors", "0.25", "--interpolator", "cubic", "--output", dir.File(name + ".h5"), "--quiet", "--no-charts", .. extra]);
            return File.ReadAllLines(dir.File(name + ".sensors.csv")).Skip(1).ToArray();
        }
        var seed0 = Sensors("a");
        var seed5 = Sensors("b", "--seed", "5");
        var sensor5 = Sensors("c", "--sensor-seed", "5");
        var seed5Sensor0 = Sensors("d", "--seed", "5", "--sensor-seed", "0");
        Assert.Equal(4608, seed0.Length - 1);
        Assert.NotEqual(seed0, seed5);
        Assert.Equal(seed5, sensor5);
        Assert.Equal(seed0, seed5Sensor0);
    }

    [Fact]
    public void RegularSubgridLayoutObservesEverySecondPoint()
    {
        using var dir = new TempDir();
        var r = Medida.Ok("interpolate", "--state", Repo.SpunUp, "--sensors", "regular:2,2", "--interpolator", "cubic", "--output", dir.File("R.h5"));
        Assert.Contains(r.OutLines, l => Regex.IsMatch(l, @"^sensors\s+: 4608 \(regular every 2×2"));
    }

    [Fact]
    public void NeuralTrainingShowsOneProgressBarWithLossAndEta()
    {
        using var dir = new TempDir();
        string config = dir.File("tiny.json");
        File.WriteAllText(config, """{ "neural_preset": "tiny", "adam_steps": 40, "hidden": 16 }""");
        var r = Medida.Ok("increments", "--state", Repo.SpunUp, "--case", "1001", "--sensors", "regular:4,4", "--interpolator", "rff",
            "--interpolator-config", config, "--output", dir.File("INC.h5"));
        var bars = r.ErrLines.Where(l => l.StartsWith("training rff [", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(bars);
        Assert.Matches(@"^training rff \[#+\] 80/80 .* ETA \d+:\d\d:\d\d networks 2/2 loss \d\.\d\dE[-+]\d+ \d\.\d\dE[-+]\d+", bars[^1]);
    }

    [Fact]
    public void BadSensorSpecificationsAreOneLineErrors()
    {
        using var dir = new TempDir();
        string output = dir.File("E.h5");
        Medida.AssertError(Medida.Run("interpolate", "--state", Repo.SpunUp, "--sensors", "1.5", "--interpolator", "cubic", "--output", output),
            2, "--sensors", "(0, 1]");
        Medida.AssertError(Medida.Run("interpolate", "--state", Repo.SpunUp, "--sensors", dir.File("none.csv"), "--interpolator", "cubic", "--output", output),
            3, "--sensors", "sensor file not found");
        Medida.AssertError(Medida.Run("discover", "--state", Repo.SpunUp, "--case", "1001", "--sensors", "regular:0,2", "--interpolator", "cubic",
            "--output", dir.File("R.json")), 2, "--sensors", "stride");
        string bad = dir.File("bad.csv");
        File.WriteAllText(bad, "i,j\n3,4\n99,4\n");
        Medida.AssertError(Medida.Run("interpolate", "--state", Repo.SpunUp, "--sensors", bad, "--interpolator", "cubic", "--output", output),
            2, "bad.csv:3", "i = 99");
        Medida.AssertError(Medida.Run("discover", "--state", Repo.SpunUp, "--case", "1001", "--sensors", "0.5", "--sensor-seed", "-1",
            "--interpolator", "cubic", "--output", dir.File("R.json")), 2, "--sensor-seed");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void DiscoverFromSparseSensorsUsesTheFilteredRegressionByDefaultAndFindsTheExactSupport()
    {
        using var dir = new TempDir();
        string output = dir.File("R.json");
        var r = Medida.Ok("discover", "--state", Repo.SpunUp, "--case", "1001", "--sensors", "0.95", "--interpolator", "cubic", "--output", output, "--no-charts");
        Assert.Matches(@"^interpolating \(cubic\) \[#+\] 2/2 .* fields/s ETA .* last: snapshot 0 at t", r.ErrLines[^1]);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        var root = doc.RootElement;
        Assert.Equal("0.08", root.GetProperty("settings").GetProperty("regression_filter").GetString());
        Assert.Equal("exact support", root.GetProperty("verdict").GetString());
        // Measured 0.25% (Interpolation/README.md); the gate is the issue's 1%.
        foreach (var layer in root.GetProperty("layers").EnumerateArray())
            Assert.InRange(layer.GetProperty("max_relative_error").GetDouble(), 0, 0.01);
    }
}
