using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Science.Tests.Shared;

namespace Science.Cli.Tests;

/// <summary>
/// <c>medida reproduce --quick</c> on the cheap parts (KS study and DAPPER assimilation, ~30 s): the index page opened in
/// headless Chromium draws every chart (a non-empty SVG in each chart container) and marks every table row pass; a
/// rerun skips the finished parts.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ReproduceCliTests
{
    [SkippableFact]
    public void QuickKsAndAssimilationIndexRendersEveryChartAndEveryRowPasses()
    {
        string? chromium = FindChromium();
        Prerequisite.Require(chromium is not null, "chromium (headless browser)", "apt-get install chromium");
        using var dir = new TempDir();
        string output = dir.File("reproduce");
        var first = Medida.Ok("reproduce", "--quick", "--only", "ks,assimilation", "--output", output);
        Assert.Contains(first.ErrLines, l => l.Contains("ks (1/2) step 1/18", StringComparison.Ordinal));
        Assert.Contains(first.ErrLines, l => l.Contains("ETA", StringComparison.Ordinal));
        foreach (string part in new[] { "ks", "assimilation" })
        {
            Assert.True(File.Exists(Path.Combine(output, part, "done.json")), part);
            Assert.True(File.Exists(Path.Combine(output, part, "table.csv")), part);
            var rows = JsonNode.Parse(File.ReadAllText(Path.Combine(output, part, "table.json")))!.AsArray();
            Assert.NotEmpty(rows);
        }
        Assert.Equal(18, JsonNode.Parse(File.ReadAllText(Path.Combine(output, "ks", "table.json")))!.AsArray().Count);
        Assert.False(Directory.Exists(Path.Combine(output, ".partial")));
        // plotly.js once, in the report folder.
        Assert.Single(Directory.GetFiles(output, "plotly.min.js", SearchOption.AllDirectories));

        string dom = DumpDom(chromium!, Path.Combine(output, "index.html"));
        var charts = Regex.Matches(dom, "<div id=\"(chart-\\d+)\" class=\"chart[^\"]*\"[^>]*>");
        Assert.Equal(5, charts.Count); // the KS error chart; per DAPPER preset the rmse bars and the RMSE/spread series.
        for (int i = 0; i < charts.Count; i++)
        {
            int start = charts[i].Index, end = i + 1 < charts.Count ? charts[i + 1].Index : dom.Length;
            string container = dom[start..end];
            var svg = Regex.Match(container, "<svg[^>]*class=\"main-svg\"[^>]*>(.*?)</svg>", RegexOptions.Singleline);
            Assert.True(svg.Success && svg.Groups[1].Length > 100, $"{charts[i].Groups[1].Value}: no rendered SVG");
            Assert.Contains("class=\"trace", container, StringComparison.Ordinal);
        }
        var rowsInPage = Regex.Matches(dom, "<tr class=\"(\\w+)\">");
        Assert.Equal(18 + 5, rowsInPage.Count);
        Assert.All(rowsInPage, m => Assert.Equal("pass", m.Groups[1].Value));

        var again = Medida.Ok("reproduce", "--quick", "--only", "ks,assimilation", "--output", output);
        Assert.Contains(again.ErrLines, l => l.Contains("skipping ks: done", StringComparison.Ordinal));
        Assert.Contains(again.ErrLines, l => l.Contains("skipping assimilation: done", StringComparison.Ordinal));
        Assert.True(again.Elapsed < TimeSpan.FromSeconds(10), again.ToString());
    }

    [Fact]
    public void QuickAndPaperTogetherAndUnknownPartsAreOneLineErrors()
    {
        using var dir = new TempDir();
        Medida.AssertError(Medida.Run("reproduce", "--quick", "--paper", "--output", dir.Path), 2, "--quick", "--paper");
        Medida.AssertError(Medida.Run("reproduce", "--only", "nope", "--output", dir.Path), 2, "--only", "ks", "assimilation", "nope");
    }

    private static string? FindChromium()
    {
        foreach (string name in new[] { "chromium", "chromium-browser" })
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }

    private static string DumpDom(string chromium, string index)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=20000", "--dump-dom", new Uri(index).AbsoluteUri })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string dom = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "chromium did not finish within 60 s");
        Assert.True(dom.Length > 0, "chromium printed no DOM: " + stderr.Result);
        return dom;
    }
}
