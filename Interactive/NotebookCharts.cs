using System.Text;
using Science.Visualization;

namespace Science.Interactive;

/// <summary>
/// Interactive Plotly charts inside notebook outputs, with plotly.js loaded once per notebook session: the first
/// chart's output carries the embedded plotly.js bundle (offline, no CDN), later ones only a <c>div</c> and a
/// <c>Plotly.newPlot</c> call. Every chart also carries a static PNG, shown when no JavaScript runs (a saved .ipynb
/// in a viewer) and hidden once plotly.js has drawn the interactive version.
/// </summary>
/// <remarks>
/// "Session" means this process: one .NET Interactive kernel serves one notebook. Call <see cref="Reset"/> when the
/// outputs that carried plotly.js are gone (cleared outputs, a reloaded page) so that the next chart embeds it again.
/// </remarks>
public static class NotebookCharts
{
    private static int _scriptEmitted;
    private static int _counter;
    private static readonly string SessionTag = Guid.NewGuid().ToString("N")[..8];
    private static readonly Lazy<string> PlotlySource = new(ReadPlotlySource);

    /// <summary>True once a chart output has carried plotly.js in this session.</summary>
    public static bool ScriptEmitted => Volatile.Read(ref _scriptEmitted) == 1;

    /// <summary>Makes the next chart embed plotly.js again.</summary>
    public static void Reset() => Interlocked.Exchange(ref _scriptEmitted, 0);

    /// <summary>
    /// The output fragment of one chart: <paramref name="writePage"/> writes a Plotly page of
    /// <c>Science.Visualization</c> to the given path, <paramref name="writePng"/> its static PNG counterpart.
    /// </summary>
    /// <param name="title">Alternative text of the static image.</param>
    /// <param name="writePage">Writes the HTML chart page (e.g. <c>p => Charts.TimeSeries(p, …)</c>).</param>
    /// <param name="writePng">Writes the PNG (e.g. <c>p => Charts.TimeSeriesPng(p, …)</c>).</param>
    public static string Chart(string title, Action<string> writePage, Action<string> writePng)
    {
        ArgumentNullException.ThrowIfNull(writePage);
        ArgumentNullException.ThrowIfNull(writePng);
        string id = $"science-chart-{SessionTag}-{Interlocked.Increment(ref _counter)}";
        using var scratch = new ScratchFolder();
        string page = scratch.File("chart.html"), png = scratch.File("chart.png");
        using (Charts.ShareScriptIn(scratch.Path)) writePage(page);
        writePng(png);

        var html = new StringBuilder();
        html.Append("<div class=\"science-chart\">");
        if (Interlocked.Exchange(ref _scriptEmitted, 1) == 0) html.Append(ScriptElement());
        html.Append(InlineImage.Png(png, title, id + "-static"));
        html.Append(ChartEmbedding.Fragment(page, id));
        // Where plotly.js ran, the interactive chart replaces the static image.
        html.Append("<script type=\"text/javascript\">if (window.Plotly) { var s = document.getElementById('")
            .Append(id).Append("-static'); if (s) s.style.display = 'none'; }</script>");
        return html.Append("</div>").ToString();
    }

    /// <summary>
    /// The plotly.js bundle as script elements. An AMD loader (Jupyter's RequireJS) is hidden while the bundle runs, so
    /// that it defines the global <c>Plotly</c> that the charts use.
    /// </summary>
    internal static string ScriptElement() =>
        "<script type=\"text/javascript\">window.__scienceDefine = window.define; window.define = undefined;</script>" +
        "<script type=\"text/javascript\">" + PlotlySource.Value + "</script>" +
        "<script type=\"text/javascript\">window.define = window.__scienceDefine;</script>";

    private static string ReadPlotlySource()
    {
        using var scratch = new ScratchFolder();
        return File.ReadAllText(ChartEmbedding.WriteSharedScript(scratch.Path));
    }
}
