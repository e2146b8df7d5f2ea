using System.Text.Json;
using System.Text.RegularExpressions;

namespace Science.Visualization.Tests;

/// <summary>A written chart page: its text plus the plotly.js data and layout parsed back from it.</summary>
public sealed partial class PlotlyPage
{
    private PlotlyPage(string path, string html, JsonElement data, JsonElement layout)
    {
        Path = path;
        Html = html;
        Data = data;
        Layout = layout;
    }

    public string Path { get; }

    public string Html { get; }

    /// <summary>The traces array.</summary>
    public JsonElement Data { get; }

    public JsonElement Layout { get; }

    public JsonElement[] Traces => Data.EnumerateArray().ToArray();

    /// <summary>
    /// Reads a page and checks that it is a standalone plotly.js page: the whole plotly.js source is inlined,
    /// no script is loaded from elsewhere, and the chart is drawn with Plotly.newPlot.
    /// </summary>
    public static PlotlyPage Load(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        long size = new FileInfo(path).Length;
        Assert.True(size > 3_000_000, $"{path} is only {size} bytes: plotly.js is not embedded");
        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("* plotly.js v2.", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.DoesNotMatch(ScriptSrc(), html);
        // (plotly.js itself mentions https://cdn.plot.ly/ as the default topojson URL of geo maps, which these charts do not use.)
        Assert.DoesNotContain("cdn.plot.ly/plotly", html);

        return Parse(path, html);
    }

    /// <summary>
    /// Reads a page written in the shared-script mode: plotly.js is not inlined, the only external script is
    /// <c>plotly.min.js</c> from the page's own folder, and the chart is drawn with Plotly.newPlot.
    /// </summary>
    public static PlotlyPage LoadShared(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        long size = new FileInfo(path).Length;
        Assert.True(size < 200_000, $"{path} is {size} bytes: plotly.js seems to be inlined");
        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("* plotly.js v2.", html);
        Assert.Contains("Plotly.newPlot", html);
        var sources = ScriptSrcValue().Matches(html).Select(m => m.Groups["src"].Value).ToArray();
        Assert.Equal(["plotly.min.js"], sources);
        return Parse(path, html);
    }

    private static PlotlyPage Parse(string path, string html)
    {
        var match = DataAndLayout().Match(html);
        Assert.True(match.Success, "no 'var data = ...; var layout = ...;' block found");
        var data = JsonDocument.Parse(match.Groups["data"].Value).RootElement.Clone();
        var layout = JsonDocument.Parse(match.Groups["layout"].Value).RootElement.Clone();
        Assert.Equal(JsonValueKind.Array, data.ValueKind);
        return new PlotlyPage(path, html, data, layout);
    }

    /// <summary>The chart title as set in the layout and as the document title.</summary>
    public string Title => Layout.GetProperty("title").GetProperty("text").GetString()!;

    public void AssertTitle(string title)
    {
        Assert.Equal(title, Title);
        Assert.Contains($"<title>{title}</title>", Html);
    }

    public string[] TraceNames =>
        Traces.Select(t => t.TryGetProperty("name", out var n) ? n.GetString()! : "").ToArray();

    /// <summary>The texts of the layout annotations (the panel headings).</summary>
    public string[] PanelTitles =>
        Layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToArray();

    public static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();

    [GeneratedRegex("<script[^>]*\\bsrc\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSrc();

    [GeneratedRegex("<script[^>]*\\bsrc\\s*=\\s*\"(?<src>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSrcValue();

    [GeneratedRegex(@"var data = (?<data>\[.*?\]);\s*var layout = (?<layout>\{.*?\});\s*var config", RegexOptions.Singleline)]
    private static partial Regex DataAndLayout();
}
