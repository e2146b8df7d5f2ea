using System.Text.Json;
using Science.QgModel.IO;

namespace Science.Cli.Tests;

/// <summary>
/// <c>medida assimilate --preset qg-twin</c> and <c>medida discover --analysis</c>: the per-layer scores and the analysis
/// trajectory of a short twin, <c>--config</c> repeating it bit for bit, and one-line errors for options that do not fit.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class QgTwinCliTests
{
    private static readonly string[] Small =
        ["--preset", "qg-twin", "--sensors", "regular:2,2", "--every", "5", "--members", "5", "--cycles", "4", "--burn-in", "1",
         "--climatology", "6", "--climatology-every", "40", "--batch", "8", "--seed", "2"];

    [Fact]
    public void AShortTwinWritesPerLayerScoresAndAnAnalysisTrajectory()
    {
        using var t = new TempDir();
        string json = t.File("run.json"), traj = t.File("traj.h5");
        var r = Medida.Ok(["assimilate", .. Small, "--state", Repo.SpunUp, "--trajectory", traj, "--output", json, "--no-charts"]);
        Assert.Contains("qg-twin", r.StdOut);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        double[] Pair(string key)
        {
            var a = root.GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(2, a.Length);
            return a;
        }
        var rmse = Pair("rmse_a_layers");
        var spread = Pair("spread_a_layers");
        var noise = Pair("obs_noise_std");
        Pair("rmse_f_layers");
        for (int l = 0; l < 2; l++)
        {
            Assert.True(rmse[l] < noise[l], $"layer {l + 1}: rmse_a {rmse[l]} must beat the observation σ {noise[l]}");
            Assert.True(spread[l] > 0);
        }
        // σ is 10 % of each layer's ψ std in the start state (the upper layer's ψ varies more).
        var start = QgStateFile.Read(Repo.SpunUp).State;
        Assert.Equal(0.1 * Std(start.PsiLayer(0)), noise[0], 9);
        Assert.Equal(0.1 * Std(start.PsiLayer(1)), noise[1], 9);
        var xp = root.GetProperty("experiment");
        Assert.Equal("qg-twin", xp.GetProperty("preset").GetString());
        Assert.Equal("regular:2,2", xp.GetProperty("preset_options").GetProperty("sensors").GetString());
        Assert.Equal("continue", xp.GetProperty("analysis_update").GetString());
        Assert.Equal(4, File.ReadAllLines(t.File("run.csv")).Length - 1);
        Assert.Contains("rmse_a_1", File.ReadAllLines(t.File("run.csv"))[0]);

        var trajectory = QgTrajectoryFile.Read(traj);
        Assert.Equal(4, trajectory.Count);
        Assert.Equal(start.Step + 5, trajectory.Steps[0]);
        Assert.Equal(start.Step + 20, trajectory.Steps[3]);
        Assert.True(trajectory.IsComplete);
    }

    [Fact]
    public void ConfigRepeatsAQgTwinBitForBit()
    {
        using var t = new TempDir();
        string first = t.File("a.json"), second = t.File("b.json");
        Medida.Ok(["assimilate", .. Small, "--restart-leapfrog", "--output", first, "--quiet", "--no-charts", "--threads", "2"]);
        Medida.Ok("assimilate", "--config", first, "--output", second, "--quiet", "--no-charts", "--threads", "1");
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
        Assert.Contains("\"analysis_update\": \"restart\"", File.ReadAllText(first));
    }

    public static TheoryData<string, int, string[], string[]> Errors => new()
    {
        { "negative noise", 2, ["assimilate", "--preset", "qg-twin", "--noise", "-0.1"], ["--noise", "[0, 10]"] },
        { "sensor ratio above one", 2, ["assimilate", "--preset", "qg-twin", "--sensors", "1.5"], ["sensors", "(0, 1]"] },
        { "unknown case", 2, ["assimilate", "--preset", "qg-twin", "--case", "999"], ["--case", "[1000, 1009]"] },
        { "missing state", 3, ["assimilate", "--preset", "qg-twin", "--state", "@T/none.h5"], ["--state", "none.h5"] },
        { "sensors for lorenz", 2, ["assimilate", "--preset", "l96-sakov2008", "--sensors", "0.5"], ["--sensors", "qg-twin"] },
        { "trajectory for lorenz", 2, ["assimilate", "--preset", "l96-sakov2008", "--cycles", "3", "--burn-in", "1", "--trajectory", "@T/t.h5"], ["--trajectory", "qg-twin"] },
        { "observe for qg", 2, ["assimilate", "--preset", "qg-twin", "--observe", "every:2"], ["--observe", "--sensors"] },
        { "members without analysis", 2, ["discover", "--state", "@S", "--case", "1001", "--members", "8"], ["--members", "--analysis"] },
        { "analysis with an interpolator", 2, ["discover", "--state", "@S", "--case", "1001", "--analysis", "letkf", "--interpolator", "cubic"], ["--analysis", "--interpolator"] },
        { "localisation for the etkf", 2, ["discover", "--state", "@S", "--case", "1001", "--analysis", "etkf", "--localisation", "4"], ["--localisation", "letkf"] },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void BadSettingsGiveOneLineNamingTheOption(string what, int exitCode, string[] args, string[] fragments)
    {
        using var t = new TempDir();
        var full = args.Select(x => x.Replace("@T/", t.Path + "/", StringComparison.Ordinal).Replace("@S", Repo.SpunUp, StringComparison.Ordinal)).ToList();
        full.AddRange(["--output", t.File("out.json")]);
        var r = Medida.Run([.. full]);
        Medida.AssertError(r, exitCode, fragments);
        Assert.False(File.Exists(t.File("out.json")), what + ": no output should be written");
    }

    private static double Std(ReadOnlySpan<double> f)
    {
        double mean = 0;
        foreach (double v in f) mean += v;
        mean /= f.Length;
        double ss = 0;
        foreach (double v in f) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / f.Length);
    }
}
