using System.Text;
using Science.Numerics.IO;

namespace Science.Cli.Reproduce;

/// <summary>Writes a part's tables: <c>table.csv</c> and <c>table.json</c> of its rows, and extra CSV tables.</summary>
internal static class PartTables
{
    /// <summary>The file names of the rows table.</summary>
    public static readonly string[] RowFiles = ["table.csv", "table.json"];

    /// <summary>Writes the rows as <c>table.csv</c> (one line per row) and <c>table.json</c>; returns their names.</summary>
    public static IReadOnlyList<string> WriteRows(PartWorkspace workspace, IReadOnlyList<ResultRow> rows)
    {
        WriteCsv(workspace.PathOf(RowFiles[0]), ["group", "item", "expected", "ours", "tolerance", "pass", "source"],
            rows.Select(r => new[] { r.Group, r.Item, r.Expected, r.Ours, r.Tolerance, r.Pass ? "pass" : "fail", r.Source }));
        ReproductionJson.Write(workspace.PathOf(RowFiles[1]), rows);
        return RowFiles;
    }

    /// <summary>Writes a CSV file atomically (RFC 4180 quoting, UTF-8, \n line ends).</summary>
    public static void WriteCsv(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> lines)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', header.Select(Quote)).Append('\n');
        foreach (var line in lines) sb.AppendJoin(',', line.Select(Quote)).Append('\n');
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
