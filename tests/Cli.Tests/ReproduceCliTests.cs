using System.Diagnostics;
using System.Text.RegularExpressions;
using Science.Tests.Shared;

namespace Science.Cli.Tests;

/// <summary>
/// <c>medida reproduce --quick --only ks,assimilation</c>: writes DIR/index.html whose every row is marked pass, and
/// headless Chromium renders every chart of it (a non-empty SVG in the DOM); a second run skips the finished parts.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ReproduceCliTests
{
    [SkippableFact]
    public void Quick_subset_writes_an_index_whose_rows_pass_and_whose_charts_render()
    {
        string dir = Path.Combine(Path.GetTempPath(), "medida-reproduce-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = Medida.Ok("reproduce", "--quick", "--only", "ks,assimilation", "--output", dir, "--data", Path.Combine(RepositoryPaths.Root, "data"));
            string index = Path.Combine(dir, "index.html");
            Assert.True(File.Exists(index), r.ToString());
            Assert.True(File.Exists(Path.Combine(dir, "ks", "done.json")));
            string html = File.ReadAllText(index);
            int rows = Regex.Matches(html, "<tr class=\"(pass|fail)\"").Count;
            Assert.True(rows >= 30, $"{rows} rows");
            Assert.DoesNotContain("<tr class=\"fail\"", html, StringComparison.Ordinal);

            string? chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
            Prerequisite.Require(chromium is not null, "chromium", "apt-get install chromium");
            var psi = new ProcessStartInfo(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=20000", "--dump-dom", new Uri(index).AbsoluteUri])
                { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string dom = p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(120_000), "chromium did not finish");
            var charts = Regex.Matches(html, "<div id=\"(figure-\\d+)\" class=\"chart\"").Select(m => m.Groups[1].Value).ToArray();
            Assert.True(charts.Length >= 5, $"{charts.Length} charts");
            foreach (string id in charts)
            {
                int at = dom.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
                Assert.True(at >= 0, $"{id} missing from the DOM");
                int next = dom.IndexOf("<figcaption", at, StringComparison.Ordinal);
                string block = dom[at..(next < 0 ? dom.Length : next)];
                Assert.True(Regex.IsMatch(block, "<svg[^>]*>\\s*<"), $"{id}: no rendered SVG");
            }
            Assert.Equal(rows, Regex.Matches(dom, "<tr class=\"pass\"").Count);

            // A second run skips the finished part.
            var again = Medida.Ok("reproduce", "--quick", "--only", "ks", "--output", dir, "--data", Path.Combine(RepositoryPaths.Root, "data"));
            Assert.Contains("skipping ks: done", again.StdErr);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
