using Science.Numerics.IO;
using Plotly.NET;

namespace Science.Visualization;

/// <summary>
/// A plotly.js figure (traces and layout as plain dictionaries, in plotly.js's own vocabulary) rendered
/// through Plotly.NET into a standalone HTML page that embeds the full plotly.js source, so the page
/// works offline.
/// </summary>
internal sealed class PlotlyFigure
{
    private readonly List<(string Type, Dictionary<string, object?> Properties)> _traces = [];

    /// <summary>The property bags of the traces added so far, in order.</summary>
    public IEnumerable<Dictionary<string, object?>> Traces => _traces.Select(t => t.Properties);

    /// <summary>The layout properties (title, axes, annotations, ...).</summary>
    public Dictionary<string, object?> Layout { get; } = [];

    /// <summary>Adds a trace of the given plotly.js type and returns its property bag for filling in.</summary>
    public Dictionary<string, object?> AddTrace(string type)
    {
        var properties = new Dictionary<string, object?>();
        _traces.Add((type, properties));
        return properties;
    }

    /// <summary>Renders the figure as a self-contained HTML document.</summary>
    public string ToHtml(string documentTitle)
    {
        var traces = new List<Trace>(_traces.Count);
        foreach (var (type, properties) in _traces)
        {
            var trace = new Trace2D(type);
            foreach (var (key, value) in properties)
            {
                if (value is not null)
                {
                    trace.SetProperty(key, value);
                }
            }

            traces.Add(trace);
        }

        var layout = new Layout();
        foreach (var (key, value) in Layout)
        {
            if (value is not null)
            {
                layout.SetProperty(key, value);
            }
        }

        GenericChart chart = GenericChart.ofTraceObjects(true, traces);
        chart = Chart.withLayout(layout).Invoke(chart);

        // PlotlyJSReference.Full inlines the plotly.js bundle that ships inside Plotly.NET.dll
        // (the default, CDN, only references it and renders a blank page offline).
        var display = DisplayOptions.setPlotlyReference(PlotlyJSReference.Full).Invoke(new DisplayOptions());
        display = DisplayOptions.setDocumentTitle(documentTitle).Invoke(display);
        display = DisplayOptions.setDocumentDescription(documentTitle).Invoke(display);
        chart = Chart.withDisplayOptions(display).Invoke(chart);
        return EscapeScriptEnd(GenericChart.toEmbeddedHTML(chart));
    }

    /// <summary>
    /// Keeps user text (series names, titles, labels) from closing the inline script that holds the figure:
    /// in the block from "var data = " to the final "Plotly.newPlot(", every "&lt;/" becomes "&lt;\/",
    /// which JavaScript string literals read back as "&lt;/" (the JSON there has no "&lt;/" outside strings).
    /// </summary>
    internal static string EscapeScriptEnd(string html)
    {
        int bundleEnd = html.IndexOf("</script>", StringComparison.Ordinal);
        int start = bundleEnd < 0 ? -1 : html.IndexOf("var data = ", bundleEnd, StringComparison.Ordinal);
        int end = html.LastIndexOf("Plotly.newPlot(", StringComparison.Ordinal);
        if (start < 0 || end <= start)
        {
            return html;
        }

        string figure = html[start..end];
        return figure.Contains("</", StringComparison.Ordinal)
            ? string.Concat(html.AsSpan(0, start), figure.Replace("</", "<\\/", StringComparison.Ordinal), html.AsSpan(end))
            : html;
    }

    /// <summary>Renders the figure and writes it to <paramref name="path"/> atomically.</summary>
    public void Write(string path, string documentTitle) => AtomicFile.WriteAllText(path, ToHtml(documentTitle));
}
