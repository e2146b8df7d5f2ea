namespace Science.Visualization;

/// <summary>
/// Chart writers for the two-layer quasi-geostrophic model and for sparse equation discovery.
/// </summary>
/// <remarks>
/// <para>
/// The HTML charts are standalone pages rendered by plotly.js; the full plotly.js bundle (about 3.6 MB)
/// is embedded in every page, so they open without a network connection. The PNG charts are drawn
/// headlessly with ScottPlot.
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
}
