namespace Science.Visualization;

/// <summary>Small builders for recurring plotly.js objects (axis ids, titles, annotations, data cleaning).</summary>
internal static class PlotlyParts
{
    /// <summary>
    /// A diverging blue-white-red colour scale (ColorBrewer RdBu reversed: negative blue, positive red),
    /// white at the centre so that zero is neutral.
    /// </summary>
    public static readonly object[][] Diverging =
    [
        [0.0, "#053061"], [0.1, "#2166ac"], [0.2, "#4393c3"], [0.3, "#92c5de"], [0.4, "#d1e5f0"],
        [0.5, "#f7f7f7"],
        [0.6, "#fddbc7"], [0.7, "#f4a582"], [0.8, "#d6604d"], [0.9, "#b2182b"], [1.0, "#67001f"],
    ];

    /// <summary>plotly.js's default colour cycle, used to keep one colour per quantity across panels.</summary>
    public static readonly string[] Palette =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    /// <summary>The reference a trace uses for axis <paramref name="index"/> (1-based): "x", "x2", ...</summary>
    public static string AxisRef(char axis, int index) => index == 1 ? axis.ToString() : $"{axis}{index}";

    /// <summary>The layout key of axis <paramref name="index"/> (1-based): "xaxis", "xaxis2", ...</summary>
    public static string AxisKey(char axis, int index) => index == 1 ? $"{axis}axis" : $"{axis}axis{index}";

    /// <summary>A plotly.js title object.</summary>
    public static Dictionary<string, object?> Title(string text) => new() { ["text"] = text };

    /// <summary>The figure title, centred at the top.</summary>
    public static Dictionary<string, object?> FigureTitle(string text) =>
        new() { ["text"] = text, ["x"] = 0.5, ["xanchor"] = "center" };

    /// <summary>An axis with a title and the given type ("linear" or "log").</summary>
    public static Dictionary<string, object?> Axis(string title, bool log = false) => new()
    {
        ["title"] = Title(title),
        ["type"] = log ? "log" : "linear",
        ["exponentformat"] = "power",
        ["showline"] = true,
        ["mirror"] = true,
        ["linecolor"] = "#444",
        ["ticks"] = "outside",
    };

    /// <summary>A subplot heading: text centred above a panel whose paper-coordinate top edge is <paramref name="y"/>.</summary>
    public static Dictionary<string, object?> PanelTitle(string text, double x, double y) => new()
    {
        ["text"] = $"<b>{text}</b>",
        ["x"] = x,
        ["y"] = y,
        ["xref"] = "paper",
        ["yref"] = "paper",
        ["xanchor"] = "center",
        ["yanchor"] = "bottom",
        ["yshift"] = 4,
        ["showarrow"] = false,
        ["font"] = new Dictionary<string, object?> { ["size"] = 14 },
    };

    /// <summary>A horizontal legend centred below the plotting area.</summary>
    public static Dictionary<string, object?> LegendBelow(double y = -0.18) => new()
    {
        ["orientation"] = "h",
        ["x"] = 0.5,
        ["xanchor"] = "center",
        ["y"] = y,
        ["yanchor"] = "top",
    };

    /// <summary>Left edges and widths of <paramref name="count"/> equal panels across [0, 1] separated by <paramref name="gap"/>.</summary>
    public static (double Start, double End)[] Columns(int count, double gap)
    {
        double width = (1.0 - gap * (count - 1)) / count;
        var domains = new (double, double)[count];
        for (int i = 0; i < count; i++)
        {
            double start = i * (width + gap);
            domains[i] = (start, Math.Min(1.0, start + width));
        }

        return domains;
    }

    /// <summary>
    /// Keeps the points (x[i], y[i]) whose coordinates are finite and, where asked, strictly positive
    /// (log axes cannot show the others).
    /// </summary>
    public static (double[] X, double[] Y) Points(double[] x, double[] y, bool positiveX, bool positiveY)
    {
        var xs = new List<double>(x.Length);
        var ys = new List<double>(y.Length);
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i];
            double yi = y[i];
            if (!double.IsFinite(xi) || !double.IsFinite(yi) || (positiveX && xi <= 0) || (positiveY && yi <= 0))
            {
                continue;
            }

            xs.Add(xi);
            ys.Add(yi);
        }

        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>Values for plotly.js with non-finite entries as null (drawn as gaps).</summary>
    public static double?[] Gaps(double[] values)
    {
        var result = new double?[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.IsFinite(values[i]) ? values[i] : null;
        }

        return result;
    }
}
