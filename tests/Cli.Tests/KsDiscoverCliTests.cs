using System.Text.Json.Nodes;

namespace Science.Cli.Tests;

/// <summary><c>medida discover --model ks</c>: the first MEDIDA paper's KS study through the same report as QG.</summary>
[Collection(CliCollection.Name)]
public sealed class KsDiscoverCliTests
{
    [Fact]
    public void KsCase4WritesTheSameReportAsQgWithOneLayerAndTheExpectedTerms()
    {
        using var dir = new TempDir();
        string output = dir.File("ks.json");
        // Reduced sampling (4 samples 2 000 fine steps apart after 30 000 spin-up steps): ~3 s instead of ~10 s.
        Medida.Ok("discover", "--model", "ks", "--case", "4", "--samples", "4", "--beta", "2000", "--spinup", "30000", "--output", output, "--quiet");
        var root = JsonNode.Parse(File.ReadAllText(output))!;
        var layers = root["layers"]!.AsArray();
        Assert.Single(layers);
        Assert.Equal(1, layers[0]!["layer"]!.GetValue<int>());
        Assert.Equal("exact support", root["verdict"]!.GetValue<string>());
        Assert.Equal("ks", root["case"]!["model_family"]!.GetValue<string>());
        var terms = layers[0]!["terms"]!.AsArray().ToDictionary(t => t!["label"]!.GetValue<string>(), t => t!["coefficient"]!.GetValue<double>());
        Assert.Equal(new HashSet<string> { "u_{xx}", "u_{xxxx}" }, terms.Keys.ToHashSet());
        Assert.InRange(terms["u_{xx}"], -1.02, -0.98);     // measured −1.0107 (reduced sampling)
        Assert.InRange(terms["u_{xxxx}"], -1.02, -0.98);   // measured −1.0143
    }

    [Fact]
    public void NoisyKsThroughACycledLetkfFindsUuxAndRecordsTheFilter()
    {
        using var dir = new TempDir();
        string output = dir.File("ks-da.json");
        // Reduced sampling and a small filter (N 8, 100 spin-up cycles): ≈ 8 s.
        Medida.Ok("discover", "--model", "ks", "--case", "1", "--samples", "2", "--beta", "2000", "--spinup", "30000", "--noise", "0.01",
            "--analysis", "letkf", "--members", "8", "--analysis-spinup", "100", "--output", output, "--quiet");
        var root = JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Equal("exact support", root["verdict"]!.GetValue<string>());
        var terms = root["layers"]![0]!["terms"]!.AsArray().ToDictionary(t => t!["label"]!.GetValue<string>(), t => t!["coefficient"]!.GetValue<double>());
        Assert.InRange(terms["uu_{x}"], -1.05, -0.95);
        string settings = root.ToJsonString();
        Assert.Contains("cycled letkf N=8", settings);
        Assert.Contains("\"regression_filter\":\"0.04\"", settings);
    }

    [Theory]
    [InlineData("--analysis needs observation noise", "--analysis", "letkf")]
    [InlineData("--members needs --analysis", "--members", "30")]
    [InlineData("--localisation applies to --analysis letkf", "--noise", "0.01", "--analysis", "enkf", "--increment-form", "one-shot", "--localisation", "5")]
    [InlineData("--rtps applies to the cycled filter", "--noise", "0.01", "--analysis", "etkf", "--increment-form", "one-shot", "--rtps", "0.5")]
    public void AnalysisOptionsAreCheckedWithKs(string message, params string[] extra)
    {
        var r = Medida.Run(["discover", "--model", "ks", "--case", "1", "--output", "x.json", .. extra]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.StdErr);
    }

    [Fact]
    public void QgOnlyOptionsAreRefusedWithKs()
    {
        var r = Medida.Run("discover", "--model", "ks", "--case", "1", "--sensors", "0.5", "--output", "x.json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--sensors applies to the QG model", r.StdErr);
    }

    [Fact]
    public void ListCasesWithKsShowsTheKsCatalogue()
    {
        var r = Medida.Ok("discover", "--model", "ks", "--list-cases");
        Assert.Contains(r.OutLines, l => l.StartsWith("1  ks1", StringComparison.Ordinal));
        Assert.Contains(r.OutLines, l => l.StartsWith("12 ", StringComparison.Ordinal));
    }
}
