using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Science.Numerics.IO;

namespace Science.Visualization;

/// <summary>
/// A plotly.js figure (traces and layout as plain dictionaries, in plotly.js's own vocabulary) rendered into a
/// standalone HTML page. By default the page inlines the full plotly.js source, so it works offline; in the shared
/// mode it loads <c>plotly.min.js</c> from its own folder instead, which is written there once.
/// </summary>
/// <remarks>
/// The page is written here with System.Text.Json; Plotly.NET only supplies the plotly.js bundle (see
/// <see cref="PlotlyJs"/>), so no F# code runs and FSharp.Core is not loaded.
/// </remarks>
internal sealed class PlotlyFigure
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Keeps non-ASCII text (ψ, Δ, ...) and HTML markup in labels readable; EscapeScriptEnd makes "</" safe.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new FiniteDoubleConverter(), new FiniteSingleConverter() },
    };

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

    /// <summary>The traces as a JSON array (each with its "type"; null properties left out).</summary>
    internal string DataJson()
    {
        var data = new List<Dictionary<string, object?>>(_traces.Count);
        foreach (var (type, properties) in _traces)
        {
            var trace = new Dictionary<string, object?> { ["type"] = type };
            foreach (var (key, value) in properties)
            {
                if (value is not null)
                {
                    trace[key] = value;
                }
            }

            data.Add(trace);
        }

        return JsonSerializer.Serialize(data, Json);
    }

    /// <summary>The layout as a JSON object (null properties left out).</summary>
    internal string LayoutJson() =>
        JsonSerializer.Serialize(Layout.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value), Json);

    /// <summary>Renders the figure as a self-contained HTML document that inlines plotly.js.</summary>
    public string ToHtml(string documentTitle) => ToHtml(documentTitle, scriptSource: null);

    /// <summary>
    /// Renders the figure as an HTML document: with <paramref name="scriptSource"/> null the plotly.js source is
    /// inlined, otherwise the page loads it from that (relative) URL.
    /// </summary>
    public string ToHtml(string documentTitle, string? scriptSource)
    {
        ArgumentNullException.ThrowIfNull(documentTitle);
        string title = WebUtility.HtmlEncode(documentTitle);
        var html = new StringBuilder(scriptSource is null ? PlotlyJs.Source.Length + 65_536 : 65_536);
        html.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n");
        html.Append("<meta name=\"description\" content=\"").Append(title).Append("\">\n");
        html.Append("<title>").Append(title).Append("</title>\n");
        if (scriptSource is null)
        {
            html.Append("<script type=\"text/javascript\">").Append(PlotlyJs.Source).Append("</script>\n");
        }
        else
        {
            html.Append("<script type=\"text/javascript\" src=\"").Append(WebUtility.HtmlEncode(scriptSource)).Append("\"></script>\n");
        }

        html.Append("</head>\n<body>\n<div id=\"chart\"></div>\n<script type=\"text/javascript\">\n");
        html.Append("var data = ").Append(DataJson()).Append(";\n");
        html.Append("var layout = ").Append(LayoutJson()).Append(";\n");
        html.Append("var config = {\"responsive\":true};\n");
        html.Append("Plotly.newPlot('chart', data, layout, config);\n");
        html.Append("</script>\n</body>\n</html>\n");
        return EscapeScriptEnd(html.ToString());
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

    /// <summary>
    /// Renders the figure and writes it to <paramref name="path"/> atomically. With <paramref name="sharedScript"/>
    /// (default: <see cref="Charts.SharedPlotlyScript"/>) the page references <c>plotly.min.js</c> beside it, which is
    /// written first (atomically, only if absent or different); inside a <see cref="Charts.ShareScriptIn"/> scope (and
    /// <paramref name="sharedScript"/> null) it references the scope's bundle by a relative path; otherwise plotly.js is inlined.
    /// </summary>
    public void Write(string path, string documentTitle, bool? sharedScript = null)
    {
        if (sharedScript is null && Charts.SharedScriptDirectory is { } bundleDirectory)
        {
            string bundle = PlotlyJs.WriteShared(bundleDirectory);
            string pageDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            string relative = Path.GetRelativePath(pageDirectory, bundle).Replace('\\', '/');
            AtomicFile.WriteAllText(path, ToHtml(documentTitle, relative));
        }
        else if (sharedScript ?? Charts.SharedPlotlyScript)
        {
            string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            PlotlyJs.WriteShared(directory);
            AtomicFile.WriteAllText(path, ToHtml(documentTitle, PlotlyJs.SharedFileName));
        }
        else
        {
            AtomicFile.WriteAllText(path, ToHtml(documentTitle));
        }
    }

    /// <summary>Writes doubles as JSON numbers, NaN and ±infinity as null (plotly.js draws a gap).</summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }

    /// <summary>Writes floats as JSON numbers, NaN and ±infinity as null.</summary>
    private sealed class FiniteSingleConverter : JsonConverter<float>
    {
        public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? float.NaN : reader.GetSingle();

        public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options)
        {
            if (float.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
