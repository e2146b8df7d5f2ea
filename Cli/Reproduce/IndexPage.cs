using System.Net;
using System.Text;
using Science.Numerics.IO;
using Science.Visualization;

namespace Science.Cli.Reproduce;

/// <summary>
/// Writes <c>DIR/index.html</c>: one section per part with its table (expected, ours, tolerance, a pass/fail mark per
/// row as CSS class <c>pass</c> or <c>fail</c>) and its charts inline (plotly.js loaded once from <c>DIR/plotly.min.js</c>;
/// PNGs as images). Offline: no network access.
/// </summary>
internal static class IndexPage
{
    public static string Write(string output, ReproductionMode mode, IReadOnlyList<(IReproductionPart Part, PartResult Result)> parts, double seconds)
    {
        ChartEmbedding.WriteSharedScript(output);
        var h = new StringBuilder();
        int total = parts.Sum(p => p.Result.Rows.Count), passed = parts.Sum(p => p.Result.Rows.Count(r => r.Pass));
        h.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>MEDIDA reproduction</title>\n");
        h.Append("<script type=\"text/javascript\" src=\"plotly.min.js\"></script>\n<style>\n");
        h.Append("body{font-family:sans-serif;margin:1.5em;max-width:1250px}table{border-collapse:collapse;margin:1em 0;font-size:13px}");
        h.Append("th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eee}");
        h.Append("tr.pass td.mark{color:#070;font-weight:bold}tr.fail td.mark{color:#b00;font-weight:bold}tr.fail{background:#fee}");
        h.Append(".charts{display:flex;flex-wrap:wrap;gap:8px}.chart{overflow-x:auto;max-width:100%}img{max-width:100%;border:1px solid #ddd}");
        h.Append(".summary{font-size:16px}\n</style>\n</head>\n<body>\n");
        h.Append($"<h1>MEDIDA reproduction ({(mode == ReproductionMode.Quick ? "--quick" : "--paper")})</h1>\n");
        h.Append($"<p class=\"summary\">{passed} of {total} rows pass; {parts.Count} part(s); wall time {ReproductionProgress.Format(seconds)}.</p>\n");
        int figure = 0;
        foreach (var (part, result) in parts)
        {
            h.Append($"<section id=\"{part.Key}\">\n<h2>{E(part.Title)}</h2>\n<p>{E(part.Description(mode))}</p>\n");
            h.Append($"<p>{result.Rows.Count(r => r.Pass)} of {result.Rows.Count} rows pass; tables: ");
            h.AppendJoin(", ", result.Tables.Select(t => $"<a href=\"{part.Key}/{E(t)}\">{E(t)}</a>"));
            h.Append("</p>\n<table>\n<tr><th>group</th><th>item</th><th>expected (spec)</th><th>ours</th><th>tolerance</th><th>source</th><th>mark</th></tr>\n");
            foreach (var r in result.Rows)
                h.Append($"<tr class=\"{(r.Pass ? "pass" : "fail")}\"><td>{E(r.Group)}</td><td>{E(r.Item)}</td><td>{E(r.Expected)}</td><td>{E(r.Ours)}</td>" +
                         $"<td>{E(r.Tolerance)}</td><td>{E(r.Source)}</td><td class=\"mark\">{(r.Pass ? "✔ pass" : "✘ fail")}</td></tr>\n");
            h.Append("</table>\n<div class=\"charts\">\n");
            foreach (var c in result.Charts)
            {
                string path = Path.Combine(output, part.Key, c.File);
                if (c.IsHtml) h.Append("<figure>").Append(ChartEmbedding.Fragment(path, $"figure-{++figure}"))
                               .Append($"<figcaption><a href=\"{part.Key}/{E(c.File)}\">{E(c.Title)}</a></figcaption></figure>\n");
                else h.Append($"<figure><img src=\"{part.Key}/{E(c.File)}\" alt=\"{E(c.Title)}\"><figcaption>{E(c.Title)}</figcaption></figure>\n");
            }
            h.Append("</div>\n</section>\n");
        }
        h.Append("</body>\n</html>\n");
        string index = Path.Combine(output, "index.html");
        AtomicFile.WriteAllText(index, h.ToString());
        return index;
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
