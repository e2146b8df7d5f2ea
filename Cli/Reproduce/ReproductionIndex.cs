using System.Globalization;
using System.Net;
using System.Text;
using Science.Numerics.IO;
using Science.Visualization;

namespace Science.Cli.Reproduce;

/// <summary>
/// Writes <c>DIR/index.html</c>: per finished part a section with its description, the table (group, quantity, the
/// spec's expectation, ours, tolerance, a pass/fail mark; each row with CSS class <c>pass</c> or <c>fail</c>), links to
/// its CSV/JSON tables and its charts, the HTML ones embedded (so they draw in the page itself) and loading the one
/// <c>plotly.min.js</c> of the folder; fully offline.
/// </summary>
internal static class ReproductionIndex
{
    /// <summary>Writes the index atomically and returns its path.</summary>
    public static string Write(string output, ReproductionMode mode, IReadOnlyList<(IReproductionPart Part, PartResult Result)> parts)
    {
        ChartEmbedding.WriteSharedScript(output);
        var sb = new StringBuilder();
        int rows = parts.Sum(p => p.Result.Rows.Count), passed = parts.Sum(p => p.Result.Rows.Count(r => r.Pass));
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>medida reproduce</title>\n")
          .Append("<script src=\"plotly.min.js\"></script>\n<style>\n")
          .Append("body{font-family:sans-serif;margin:1.5em;max-width:1400px} table{border-collapse:collapse;font-size:13px;margin:0.5em 0 1em}")
          .Append(" td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top} tr.pass td.mark{color:#080;font-weight:bold}")
          .Append(" tr.fail td.mark{color:#b00;font-weight:bold} tr.fail{background:#fee} .chart{width:100%;max-width:1100px;height:460px}")
          .Append(" figure{margin:0.5em 0 1.5em} img{max-width:100%} .summary{font-size:1.1em}\n</style>\n</head>\n<body>\n")
          .Append(CultureInfo.InvariantCulture, $"<h1>medida reproduce --{mode.ToString().ToLowerInvariant()}</h1>\n")
          .Append(CultureInfo.InvariantCulture, $"<p class=\"summary\">{passed} of {rows} rows pass in {parts.Count} parts.</p>\n");
        int chartId = 0;
        foreach (var (part, result) in parts)
        {
            string dir = Path.Combine(output, result.Part);
            sb.Append(CultureInfo.InvariantCulture, $"<section id=\"{result.Part}\">\n<h2>{Enc(part.Title)}</h2>\n<p>{Enc(part.Description(mode))}</p>\n")
              .Append(CultureInfo.InvariantCulture, $"<p>{result.Rows.Count(r => r.Pass)} of {result.Rows.Count} rows pass; {result.Seconds:F0} s. Tables: ")
              .AppendJoin(", ", result.Tables.Select(t => $"<a href=\"{Enc(result.Part + "/" + t)}\">{Enc(t)}</a>")).Append("</p>\n")
              .Append("<table>\n<tr><th>group</th><th>quantity</th><th>expected (spec)</th><th>ours</th><th>tolerance</th><th>mark</th><th>source</th></tr>\n");
            foreach (var r in result.Rows)
                sb.Append(CultureInfo.InvariantCulture,
                    $"<tr class=\"{(r.Pass ? "pass" : "fail")}\"><td>{Enc(r.Group)}</td><td>{Enc(r.Item)}</td><td>{Enc(r.Expected)}</td><td>{Enc(r.Ours)}</td><td>{Enc(r.Tolerance)}</td><td class=\"mark\">{(r.Pass ? "✓ pass" : "✗ fail")}</td><td>{Enc(r.Source)}</td></tr>\n");
            sb.Append("</table>\n");
            foreach (var chart in result.Charts)
            {
                string href = Enc(result.Part + "/" + chart.File);
                sb.Append(CultureInfo.InvariantCulture, $"<figure>\n<figcaption>{Enc(chart.Title)} (<a href=\"{href}\">{Enc(chart.File)}</a>)</figcaption>\n");
                if (chart.IsHtml) sb.Append(ChartEmbedding.Fragment(Path.Combine(dir, chart.File), "chart-" + chartId++));
                else sb.Append(CultureInfo.InvariantCulture, $"<img src=\"{href}\" alt=\"{Enc(chart.Title)}\">\n");
                sb.Append("</figure>\n");
            }
            sb.Append("</section>\n");
        }
        sb.Append("</body>\n</html>\n");
        string path = Path.Combine(output, "index.html");
        AtomicFile.WriteAllText(path, sb.ToString());
        return path;
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
