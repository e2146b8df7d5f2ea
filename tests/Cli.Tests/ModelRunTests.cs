using System.Text.RegularExpressions;
using Science.Models.IO;
using Science.Models.Lorenz;

namespace Science.Cli.Tests;

/// <summary><c>medida model run</c>: Lorenz-96 and KS trajectories read back, blow-ups and bad options.</summary>
[Collection(CliCollection.Name)]
public sealed class ModelRunTests
{
    [Fact]
    public void Lorenz96RunWritesATrajectoryThatMatchesTheLibrary()
    {
        using var dir = new TempDir();
        string output = dir.File("l96.h5");
        var r = Medida.Ok("model", "run", "--model", "lorenz96", "--steps", "100", "--every", "10", "--spinup", "50",
            "--seed", "4", "--output", output, "--quiet");
        Assert.Equal("", r.StdErr);
        Assert.Contains(r.OutLines, l => Regex.IsMatch(l, @"^snapshots\s+: 11$"));
        var t = ModelTrajectoryFile.Read(output, expectedModel: "lorenz96");
        Assert.Equal(11, t.Count);
        Assert.Equal(40, t.StateSize);
        Assert.True(t.IsComplete);
        Assert.Equal(100, t.Steps[10]);
        Assert.Equal(5.0, t.Times[10], 1e-12);
        Assert.Equal(8, t.Parameters["forcing"]);
        Assert.Equal("4", t.Strings["seed"]);
        Assert.StartsWith("medida model run --model lorenz96", t.Strings["command"]);

        // The library from the first snapshot reproduces the last one bit for bit.
        using var m = new Lorenz96();
        m.SetState(t.State(0));
        m.Advance(100);
        var x = new double[40];
        m.CopyState(x);
        Assert.True(x.AsSpan().SequenceEqual(t.State(10)));
    }

    [Fact]
    public void KsRunWritesATrajectoryWithItsParameters()
    {
        using var dir = new TempDir();
        string output = dir.File("ks.h5");
        var r = Medida.Ok("model", "run", "--model", "ks", "--preset", "dapper", "--stepper", "cnab2", "--dt", "0.05",
            "--lambda", "0.5,1,1", "--steps", "40", "--every", "20", "--spinup", "100", "--output", output);
        Assert.Contains("spin-up [", r.StdErr);
        var t = ModelTrajectoryFile.Read(output, expectedModel: "ks");
        Assert.Equal(3, t.Count);
        Assert.Equal(128, t.StateSize);
        Assert.Equal(0.5, t.Parameters["lambda0"]);
        Assert.Equal(32 * Math.PI, t.Parameters["length"], 1e-12);
        Assert.Equal(0.05, t.Parameters["dt"]);
        Assert.Equal("cnab2", t.Strings["stepper"]);
        Assert.Equal([0L, 20, 40], t.Steps);
        Assert.All(t.Data.ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.False(t.State(0).SequenceEqual(t.State(2)));
    }

    [Fact]
    public void BlowUpExitsWith4AndKeepsTheSnapshotsBeforeIt()
    {
        using var dir = new TempDir();
        string output = dir.File("bu.h5");
        var r = Medida.Run("model", "run", "--model", "ks", "--preset", "dapper", "--dt", "50", "--steps", "50", "--output", output, "--quiet");
        Medida.AssertError(r, 4, "blow-up at step", "written to");
        var t = ModelTrajectoryFile.Read(output);
        Assert.False(t.IsComplete);
        Assert.True(t.Count >= 1);
    }

    [Fact]
    public void BadOptionsAreOneLineErrors()
    {
        using var dir = new TempDir();
        string output = dir.File("x.h5");
        Medida.AssertError(Medida.Run("model", "run", "--steps", "5", "--output", output), 2, "--model");
        Medida.AssertError(Medida.Run("model", "run", "--model", "lorenz63", "--forcing", "3", "--steps", "5", "--output", output), 2, "--forcing");
        Medida.AssertError(Medida.Run("model", "run", "--model", "ks", "--lambda", "1,2", "--steps", "5", "--output", output), 2, "--lambda");
        Medida.AssertError(Medida.Run("model", "run", "--model", "ks", "--n", "7", "--steps", "5", "--output", output), 2, "--n");
        Medida.AssertError(Medida.Run("model", "walk"), 2, "model run");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void HelpListsTheCommand()
    {
        var r = Medida.Ok("--help");
        Assert.Contains("medida model run --model lorenz96|lorenz63|ks", r.StdOut);
        Assert.Contains("--preset medida|dapper", Medida.Ok("model", "run", "--help").StdOut);
    }
}
