using System.Net;

namespace Science.Visualization;

/// <summary>
/// Puts the HTML charts of this library into another page: a report that shows many charts inline (so that they are
/// part of its own DOM) and loads plotly.js once. Works on the pages that <see cref="Charts"/> writes, whose figure
/// script has a fixed shape (<c>var data = …; var layout = …; var config = …;</c> then <c>Plotly.newPlot('chart', …)</c>).
/// </summary>
public static class ChartEmbedding
{
    private const string FigureStart = "var data = ";
    private const string FigureEnd = "Plotly.newPlot('chart'";

    /// <summary>
    /// Writes the shared plotly.js bundle (<c>plotly.min.js</c>) into <paramref name="directory"/> (atomically, only if
    /// absent or different) and returns its path. A page that embeds figures loads it with <c>&lt;script src&gt;</c>.
    /// </summary>
    public static string WriteSharedScript(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return PlotlyJs.WriteShared(directory);
    }

    /// <summary>
    /// The figure of the chart page <paramref name="pagePath"/> as an HTML fragment: a <c>div</c> with id
    /// <paramref name="elementId"/> and CSS class <c>chart</c>, and a script that draws the figure into it with
    /// plotly.js (which the embedding page must load before the fragment).
    /// </summary>
    /// <exception cref="FormatException">The file is not a chart page written by <see cref="Charts"/>.</exception>
    public static string Fragment(string pagePath, string elementId)
    {
        ArgumentException.ThrowIfNullOrEmpty(pagePath);
        ArgumentException.ThrowIfNullOrEmpty(elementId);
        if (elementId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"the element id '{elementId}' must be ASCII letters, digits, '-' or '_'", nameof(elementId));
        string html = File.ReadAllText(pagePath);
        int bundleEnd = html.IndexOf("</script>", StringComparison.Ordinal);
        int start = bundleEnd < 0 ? -1 : html.IndexOf(FigureStart, bundleEnd, StringComparison.Ordinal);
        int end = html.LastIndexOf(FigureEnd, StringComparison.Ordinal);
        if (start < 0 || end <= start)
            throw new FormatException($"{pagePath} is not a chart page of Science.Visualization (no figure script found)");
        // The figure block is already safe inside a script element (PlotlyFigure.EscapeScriptEnd); a function scope keeps
        // the variables of several figures apart.
        string figure = html[start..end];
        return $"<div id=\"{elementId}\" class=\"chart\" data-source=\"{WebUtility.HtmlEncode(Path.GetFileName(pagePath))}\"></div>\n" +
               $"<script type=\"text/javascript\">(function () {{\n{figure}Plotly.newPlot('{elementId}', data, layout, config);\n}})();</script>\n";
    }
}
