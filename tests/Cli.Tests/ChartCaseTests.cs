using System.Text.Json;

namespace Science.Cli.Tests;

/// <summary>
/// <c>medida discover</c> with charts on for every catalogue case, including the ones whose correct answer has a
/// layer without model error (1000 in both layers, 1006 and 1007 in layer 1): the charts draw such layers instead
/// of failing the run.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ChartCaseTests
{
    public static TheoryData<int> CaseIds => new(Enumerable.Range(1000, 10));

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void DiscoverWithChartsSucceedsForEveryCase(int id)
    {
        using var dir = new TempDir();
        string output = dir.File("R.json");
        var r = Medida.Run("discover", "--state", Repo.SpunUp, "--case", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--output", output, "--quiet");
        Assert.True(r.ExitCode == 0, "expected exit code 0\n" + r);
        Assert.DoesNotContain("error", r.StdErr, StringComparison.OrdinalIgnoreCase);

        string files = dir.File("R_files");
        foreach (string name in new[] { "lcurve.html", "coefficients.html", "increments.html" })
        {
            string path = Path.Combine(files, name);
            Assert.True(File.Exists(path), $"{name} missing\n{r}");
            Assert.True(new FileInfo(path).Length > 0, $"{name} is empty");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        var layers = doc.RootElement.GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(2, layers.Length);
        bool[] noError = [.. layers.Select(l => l.GetProperty("no_error").GetBoolean())];
        string bars = File.ReadAllText(Path.Combine(files, "coefficients.html"));
        // A layer without model error shows up in the coefficient chart as a panel saying so, and only then.
        Assert.Equal(noError.Any(b => b), bars.Contains("\"no model error\"", StringComparison.Ordinal));
        if (id == 1000)
        {
            Assert.Equal([true, true], noError);
            Assert.All(layers, l => Assert.Empty(l.GetProperty("terms").EnumerateArray()));
        }
        if (id is 1006 or 1007)
            Assert.Equal([true, false], noError);
    }
}
