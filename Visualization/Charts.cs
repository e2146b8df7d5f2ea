namespace Science.Visualization;

/// <summary>
/// Chart writers for the two-layer quasi-geostrophic model and for sparse equation discovery.
/// </summary>
/// <remarks>
/// <para>
/// The HTML charts are standalone pages rendered by plotly.js; by default the full plotly.js bundle (about 3.6 MB)
/// is embedded in every page, so they open without a network connection. With <see cref="SharedPlotlyScript"/>
/// set, the bundle is written once per output folder as <c>plotly.min.js</c> and the pages load it from there
/// (still offline, as long as the file stays beside them). The PNG charts are drawn headlessly with ScottPlot.
/// </para>
/// <para>
/// Every method validates its arguments before touching the disk (an <see cref="ArgumentException"/>
/// names the offending parameter), creates the output directory if needed, and writes atomically:
/// the page goes to a temporary file beside the target, which then replaces the target.
/// </para>
/// <para>Non-finite values are left out (or drawn as gaps); on logarithmic axes non-positive values are left out.</para>
/// <para>
/// A panel with nothing to draw (a coefficient panel without terms, an L-curve panel without a converged fit, a
/// constant map) keeps its axes and says so in a note at its centre instead of failing or drawing an empty frame.
/// </para>
/// </remarks>
public static partial class Charts
{
    /// <summary>The note in a coefficient panel without terms.</summary>
    internal const string NoModelError = "no model error";

    /// <summary>
    /// A note centred in a panel that has nothing (or nothing informative) to draw, at paper coordinates
    /// (<paramref name="x"/>, <paramref name="y"/>); the panel keeps its axes.
    /// </summary>
    private static Dictionary<string, object?> PanelNote(string text, double x, double y) => new()
    {
        ["text"] = text,
        ["x"] = x,
        ["y"] = y,
        ["xref"] = "paper",
        ["yref"] = "paper",
        ["xanchor"] = "center",
        ["yanchor"] = "middle",
        ["showarrow"] = false,
        ["font"] = new Dictionary<string, object?> { ["size"] = 15, ["color"] = "#555" },
        ["bgcolor"] = "rgba(255, 255, 255, 0.85)",
        ["bordercolor"] = "#bbb",
        ["borderwidth"] = 1,
        ["borderpad"] = 6,
    };

    private static volatile bool _sharedPlotlyScript;

    /// <summary>
    /// When true, the HTML charts do not inline plotly.js: each output folder gets one <c>plotly.min.js</c>
    /// (written atomically, only if absent or different) and the pages reference it with
    /// <c>&lt;script src="plotly.min.js"&gt;</c>. Default false: every page is self-contained. Process-wide.
    /// </summary>
    public static bool SharedPlotlyScript
    {
        get => _sharedPlotlyScript;
        set => _sharedPlotlyScript = value;
    }

    private static readonly AsyncLocal<string?> ScopedScriptDirectory = new();

    /// <summary>The folder of the shared bundle in the current <see cref="ShareScriptIn"/> scope, or null.</summary>
    internal static string? SharedScriptDirectory => ScopedScriptDirectory.Value;

    /// <summary>
    /// Until the returned scope is disposed, the HTML charts written by this thread of execution (and the tasks it
    /// starts) do not inline plotly.js: they load the one <c>plotly.min.js</c> in <paramref name="directory"/> through a
    /// relative path, e.g. <c>../plotly.min.js</c> from a subfolder, so a report folder holds the bundle once. Unlike
    /// <see cref="SharedPlotlyScript"/> this is not process-wide: other threads keep their mode.
    /// </summary>
    /// <param name="directory">The folder that gets the bundle (created if needed); the charts go in it or below it.</param>
    public static IDisposable ShareScriptIn(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string full = Path.GetFullPath(directory);
        PlotlyJs.WriteShared(full);
        var previous = ScopedScriptDirectory.Value;
        ScopedScriptDirectory.Value = full;
        return new Scope(() => ScopedScriptDirectory.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        private Action? _restore = restore;

        public void Dispose() => Interlocked.Exchange(ref _restore, null)?.Invoke();
    }
}
