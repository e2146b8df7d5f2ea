using System.Text.Json.Nodes;

namespace Science.Cli.Tests;

/// <summary>A report embeds its experiment, and <c>medida discover --config REPORT.json</c> reproduces it bit for bit.</summary>
[Collection(CliCollection.Name)]
public sealed class ExperimentReplayTests
{
    // Everything but the timing and the command line: the root regression_seconds and the provenance object.
    private static string Scientific(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        root.Remove("provenance");
        root.Remove("regression_seconds");
        return root.ToJsonString();
    }

    [Theory]
    [InlineData("full, snapshots stacked", new[] { "--state", "@J", "--case", "1004", "--snapshots", "2", "--every", "400", "--library", "extended" })]
    [InlineData("noisy, smoothed", new[] { "--state", "@D", "--case", "1001", "--noise", "0.001", "--seed", "7" })]
    [InlineData("sparse, cubic", new[] { "--state", "@D", "--case", "1001", "--sensors", "0.95", "--sensor-seed", "3", "--interpolator", "cubic" })]
    public void ReRunningAReportFromItsEmbeddedExperimentReproducesItBitForBit(string what, string[] options)
    {
        using var dir = new TempDir();
        string first = dir.File("first.json"), second = dir.File("second.json");
        var args = options.Select(o => o == "@D" ? Repo.SpunUp : o == "@J" ? Repo.Trajectory : o).ToList();
        Medida.Ok(["discover", .. args, "--output", first, "--no-charts", "--quiet"]);
        var experiment = JsonNode.Parse(File.ReadAllText(first))!["experiment"];
        Assert.NotNull(experiment);
        Medida.Ok("discover", "--config", first, "--output", second, "--no-charts", "--quiet");
        Assert.True(Scientific(first) == Scientific(second), $"{what}: the re-run differs from the report");
        // A positive control that the comparison can fail: another seed changes the noisy report.
        if (what.StartsWith("noisy", StringComparison.Ordinal))
        {
            string third = dir.File("third.json");
            Medida.Ok(["discover", .. args.Select(a => a == "7" ? "8" : a), "--output", third, "--no-charts", "--quiet"]);
            Assert.NotEqual(Scientific(first), Scientific(third));
        }
    }

    [Fact]
    public void ConfigWithOtherExperimentOptionsIsRefusedNamingThem()
    {
        using var dir = new TempDir();
        string first = dir.File("first.json");
        Medida.Ok("discover", "--state", Repo.SpunUp, "--case", "1001", "--output", first, "--no-charts", "--quiet");
        var r = Medida.Run("discover", "--config", first, "--case", "1004", "--output", dir.File("x.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--case", r.StdErr);
        Assert.Contains("--config", r.StdErr);
    }

    [Fact]
    public void SparseRunsSayWhichScientificDefaultsTheyUse()
    {
        using var dir = new TempDir();
        string output = dir.File("r.json");
        var r = Medida.Ok("discover", "--state", Repo.SpunUp, "--case", "1001", "--sensors", "0.95", "--output", output, "--no-charts");
        Assert.Contains(r.OutLines, l => l.StartsWith("note: interpolator oi", StringComparison.Ordinal));
        Assert.Contains(r.OutLines, l => l.StartsWith("note: oi prior from the state file itself", StringComparison.Ordinal));
        var notes = JsonNode.Parse(File.ReadAllText(output))!["notes"]!.AsArray();
        Assert.Contains(notes, n => n!.GetValue<string>().StartsWith("regression filter F = 0.08", StringComparison.Ordinal));
    }
}
