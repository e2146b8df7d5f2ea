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
/// </remarks>
public static partial class Charts
{
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
}
