using System.Text.Json;

namespace Science.Cli.Tests;

/// <summary><c>medida assimilate</c>: a short run, <c>--config</c> repeating it bit for bit, and one-line errors.</summary>
[Collection(CliCollection.Name)]
public sealed class AssimilateCliTests
{
    [Fact]
    public void AShortRunWritesJsonCsvAndASummary()
    {
        using var t = new TempDir();
        string json = t.File("run.json");
        var r = Medida.Ok("assimilate", "--preset", "l96-sakov2008", "--cycles", "60", "--burn-in", "20", "--seed", "4", "--output", json);
        Assert.Contains("rmse_a", r.StdOut);
        Assert.Contains("ms/cycle", r.StdOut);
        Assert.Contains(r.ErrLines, l => l.StartsWith("assimilate [", StringComparison.Ordinal) && l.Contains("60/60"));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        foreach (string key in new[] { "rmse_a", "rmse_f", "spread_a", "spread_f", "cycles_averaged", "seed", "experiment", "method" })
            Assert.True(root.TryGetProperty(key, out _), $"the run JSON lacks '{key}'");
        Assert.Equal(40, root.GetProperty("cycles_averaged").GetInt32());
        Assert.Equal("etkf", root.GetProperty("method").GetProperty("kind").GetString());
        Assert.InRange(root.GetProperty("rmse_a").GetDouble(), 0.05, 0.5);
        Assert.Equal(61, File.ReadAllLines(t.File("run.csv")).Length);
    }

    [Fact]
    public void ConfigRepeatsTheRunBitForBitWhateverTheThreads()
    {
        using var t = new TempDir();
        string first = t.File("a.json"), second = t.File("b.json");
        Medida.Ok("assimilate", "--preset", "l96-sakov2008", "--method", "letkf", "--members", "8", "--localisation", "6", "--rtps", "0.2",
            "--cycles", "40", "--burn-in", "10", "--seed", "9", "--observe", "every:2", "--output", first, "--quiet", "--threads", "2");
        Medida.Ok("assimilate", "--config", first, "--output", second, "--quiet", "--threads", "1");
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(first, ".csv")), File.ReadAllText(Path.ChangeExtension(second, ".csv")));
        using var doc = JsonDocument.Parse(File.ReadAllText(first));
        Assert.Equal(20, doc.RootElement.GetProperty("experiment").GetProperty("observation_size").GetInt32());
    }

    public static TheoryData<string, int, string[], string[]> Errors => new()
    {
        { "one member", 2, ["--preset", "l96-sakov2008", "--members", "1"], ["--members", "[2, 100000]"] },
        { "deflation", 2, ["--preset", "l96-sakov2008", "--inflation", "0.9"], ["--inflation", "[1, 10]"] },
        { "zero localisation", 2, ["--preset", "l96-sakov2008", "--method", "letkf", "--localisation", "0"], ["--localisation", "(0, 1000000]"] },
        { "localisation for the etkf", 2, ["--preset", "l96-sakov2008", "--method", "etkf", "--localisation", "4"], ["--localisation", "letkf"] },
        { "rtps above one", 2, ["--preset", "l96-sakov2008", "--rtps", "1.5"], ["--rtps", "[0, 1]"] },
        { "observation outside the state", 2, ["--preset", "l96-sakov2008", "--observe", "3,45"], ["--observe", "45", "[0, 39]"] },
        { "burn-in beyond the run", 2, ["--preset", "l96-sakov2008", "--cycles", "10", "--burn-in", "10"], ["--burn-in", "[0, 9]"] },
        { "unknown preset", 2, ["--preset", "qg"], ["--preset", "l96-sakov2008|l63-sakov2012|ks-bocquet2019"] },
        { "no preset", 2, [], ["--preset"] },
        { "unknown method", 2, ["--preset", "l96-sakov2008", "--method", "pf"], ["--method", "enkf|etkf|letkf"] },
        { "config with settings", 2, ["--config", "@T/run.json", "--members", "5"], ["--config", "--members"] },
        { "missing config", 3, ["--config", "@T/none.json"], ["none.json"] },
        { "garbage config", 3, ["--config", "@T/garbage.json"], ["garbage.json", "not a run JSON"] },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void BadSettingsGiveOneLineNamingTheOption(string what, int exitCode, string[] args, string[] fragments)
    {
        using var t = new TempDir();
        File.WriteAllText(t.File("garbage.json"), "{ not json");
        var full = new List<string> { "assimilate" };
        full.AddRange(args.Select(x => x.Replace("@T/", t.Path + "/", StringComparison.Ordinal)));
        full.AddRange(["--output", t.File("out.json")]);
        var r = Medida.Run([.. full]);
        Medida.AssertError(r, exitCode, fragments);
        Assert.False(File.Exists(t.File("out.json")), what + ": no output should be written");
    }

    [Theory]
    [InlineData("assimilate")]
    [InlineData("dapper-parity")]
    public void HelpShowsTheUsage(string command)
    {
        var r = Medida.Ok(command, "--help");
        Assert.StartsWith("usage: medida " + command, r.StdOut);
        Assert.Contains("medida " + command, Medida.Ok("--help").StdOut);
    }

    [Fact]
    public void AShortParityRunWritesTheTableWithItsCommand()
    {
        using var t = new TempDir();
        string md = t.File("parity.md");
        var r = Medida.Ok("dapper-parity", "--preset", "l63-sakov2012", "--seeds", "1", "--cycles", "40", "--output", md, "--quiet");
        string text = File.ReadAllText(md);
        Assert.Contains("Command: `medida dapper-parity --preset l63-sakov2012", text);
        Assert.Contains("| l63-sakov2012 | `EnKF('Sqrt', N=10, infl=1.02, rot=True)` | 40 | 1 |", text);
        Assert.Contains("within tolerance", r.StdOut);
    }
}
