using System.Globalization;
using System.Text;

namespace Science.Interactive;

/// <summary>
/// A small HTML table: a caption, a header row and body rows of already formatted cells (encoded here). The markup
/// is plain (no classes, no external styles), so it reads the same in VS Code, Jupyter and a saved .ipynb.
/// </summary>
internal sealed class HtmlTable(string caption, params string[] header)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; cells beyond the header are dropped, missing ones left empty.</summary>
    public HtmlTable Row(params string[] cells)
    {
        var row = new string[header.Length];
        for (int i = 0; i < row.Length; i++) row[i] = i < cells.Length ? cells[i] : "";
        _rows.Add(row);
        return this;
    }

    /// <summary>The table as an HTML fragment.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("<table style=\"border-collapse:collapse;margin:4px 0\">");
        if (caption.Length > 0)
            sb.Append("<caption style=\"text-align:left;font-weight:bold;padding:2px 0\">").Append(Encode(caption)).Append("</caption>");
        sb.Append("<thead><tr>");
        foreach (var h in header) sb.Append("<th style=\"text-align:left;padding:2px 10px 2px 0;border-bottom:1px solid #999\">").Append(Encode(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in _rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row) sb.Append("<td style=\"padding:1px 10px 1px 0\">").Append(Encode(cell)).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>
    /// Escapes the characters that HTML gives a meaning (&amp;, &lt;, &gt;, quotes) for an element's content or an
    /// attribute; other characters (ψ, ·, ×) stay as they are, so the saved notebook reads as text.
    /// </summary>
    public static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>A number in the invariant culture with the given .NET format ("—" for NaN).</summary>
    public static string Number(double value, string format = "G6") =>
        double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
}
