namespace Science.Visualization;

public static partial class Charts
{
    private const int MapPanelWidthPx = 380;
    private const int MapColorBarSpacePx = 110;
    private const int MapLabelSpacePx = 60;
    private const int MapPanelTitleSpacePx = 34;
    private const int MapAxisSpacePx = 56;

    /// <summary>
    /// Writes HTML heatmaps of one or more two-dimensional fields side by side (up to three per row),
    /// each with its own title and colour bar. A field that takes both signs gets a diverging
    /// blue-white-red colour scale symmetric about zero; any other field gets Viridis. A field that is zero
    /// everywhere (e.g. the increment of a layer without model error) is drawn in the neutral white with the
    /// note "zero everywhere"; any other constant field, or one without finite values, also gets a note and no
    /// colour bar.
    /// </summary>
    /// <param name="path">Output HTML file; replaced atomically if it exists.</param>
    /// <param name="title">Chart and page title.</param>
    /// <param name="x">Grid coordinates along x (columns).</param>
    /// <param name="y">Grid coordinates along y (rows).</param>
    /// <param name="fields">Named fields stored row-major as [y, x]: value (j, i) at index j * x.Length + i.</param>
    /// <exception cref="ArgumentException">A length mismatch, an empty input or a null argument; the exception names the parameter.</exception>
    public static void Maps(
        string path,
        string title,
        double[] x,
        double[] y,
        IReadOnlyList<(string Name, double[] Field)> fields)
    {
        Guard.Path(path, nameof(path));
        ArgumentNullException.ThrowIfNull(title);
        Guard.NonEmpty(x, nameof(x));
        Guard.NonEmpty(y, nameof(y));
        ValidateFields(fields, x.Length, y.Length, nameof(fields));

        int count = fields.Count;
        int columns = Math.Min(count, 3);
        int rows = (count + columns - 1) / columns;

        double aspect = MapAspect(x, y);
        int panelHeightPx = (int)Math.Round(MapPanelWidthPx * aspect);
        int cellWidthPx = MapPanelWidthPx + MapColorBarSpacePx + MapLabelSpacePx;
        int cellHeightPx = MapPanelTitleSpacePx + panelHeightPx + MapAxisSpacePx;
        double areaWidthPx = columns * cellWidthPx - MapLabelSpacePx;
        double areaHeightPx = rows * cellHeightPx;

        var figure = new PlotlyFigure();
        var annotations = new List<object>();
        for (int k = 0; k < count; k++)
        {
            var (name, field) = fields[k];
            int row = k / columns;
            int column = k % columns;
            int axis = k + 1;

            double x0 = column * cellWidthPx / areaWidthPx;
            double x1 = (column * cellWidthPx + MapPanelWidthPx) / areaWidthPx;
            double yTop = 1.0 - (row * cellHeightPx + MapPanelTitleSpacePx) / areaHeightPx;
            double yBottom = yTop - panelHeightPx / areaHeightPx;

            var trace = figure.AddTrace("heatmap");
            trace["name"] = name;
            trace["x"] = x;
            trace["y"] = y;
            trace["z"] = Rows(field, x.Length, y.Length);
            trace["xaxis"] = PlotlyParts.AxisRef('x', axis);
            trace["yaxis"] = PlotlyParts.AxisRef('y', axis);
            trace["hovertemplate"] = "x = %{x}<br>y = %{y}<br>value = %{z}<extra>" + name + "</extra>";
            trace["colorbar"] = new Dictionary<string, object?>
            {
                ["x"] = x1 + 8 / areaWidthPx,
                ["xanchor"] = "left",
                ["y"] = (yTop + yBottom) / 2,
                ["yanchor"] = "middle",
                ["len"] = yTop - yBottom,
                ["thickness"] = 14,
                ["exponentformat"] = "power",
            };

            var (min, max) = FiniteRange(field);
            if (min < 0 && max > 0)
            {
                double bound = Math.Max(-min, max);
                trace["colorscale"] = PlotlyParts.Diverging;
                trace["zmin"] = -bound;
                trace["zmax"] = bound;
                trace["zmid"] = 0.0;
            }
            else if (min == 0 && max == 0)
            {
                // Zero everywhere (e.g. the increment of a layer without model error): the neutral colour of the
                // diverging scale, no colour bar (it would have no range), and a note saying so.
                trace["colorscale"] = PlotlyParts.Diverging;
                trace["zmin"] = -1.0;
                trace["zmax"] = 1.0;
                trace["zmid"] = 0.0;
                trace["showscale"] = false;
            }
            else
            {
                trace["colorscale"] = "Viridis";
                trace["showscale"] = min < max;
            }

            if (ConstantFieldNote(min, max) is { } note)
            {
                annotations.Add(PanelNote(note, (x0 + x1) / 2, (yTop + yBottom) / 2));
            }

            var xAxis = PlotlyParts.Axis("x");
            xAxis["domain"] = new[] { x0, x1 };
            xAxis["anchor"] = PlotlyParts.AxisRef('y', axis);
            xAxis["ticks"] = "outside";
            var yAxis = PlotlyParts.Axis(column == 0 ? "y" : "");
            yAxis["domain"] = new[] { yBottom, yTop };
            yAxis["anchor"] = PlotlyParts.AxisRef('x', axis);
            figure.Layout[PlotlyParts.AxisKey('x', axis)] = xAxis;
            figure.Layout[PlotlyParts.AxisKey('y', axis)] = yAxis;

            annotations.Add(PlotlyParts.PanelTitle(name, (x0 + x1) / 2, yTop));
        }

        const int marginLeft = 70, marginRight = 30, marginTop = 70, marginBottom = 20;
        figure.Layout["title"] = PlotlyParts.FigureTitle(title);
        figure.Layout["annotations"] = annotations;
        figure.Layout["showlegend"] = false;
        figure.Layout["autosize"] = false;
        figure.Layout["width"] = (int)areaWidthPx + marginLeft + marginRight;
        figure.Layout["height"] = (int)areaHeightPx + marginTop + marginBottom;
        figure.Layout["margin"] = new Dictionary<string, object?>
        {
            ["l"] = marginLeft, ["r"] = marginRight, ["t"] = marginTop, ["b"] = marginBottom,
        };
        figure.Write(path, title);
    }

    /// <summary>Checks a list of named row-major fields against the grid size.</summary>
    private static void ValidateFields(IReadOnlyList<(string Name, double[] Field)> fields, int nx, int ny, string paramName)
    {
        ArgumentNullException.ThrowIfNull(fields, paramName);
        if (fields.Count == 0)
        {
            throw new ArgumentException("At least one field is required.", paramName);
        }

        for (int k = 0; k < fields.Count; k++)
        {
            var (name, field) = fields[k];
            if (name is null)
            {
                throw new ArgumentException($"Field {k} has no name.", paramName);
            }

            if (field is null)
            {
                throw new ArgumentException($"Field {k} ('{name}') has no values.", paramName);
            }

            if (field.Length != nx * ny)
            {
                throw new ArgumentException(
                    $"Field {k} ('{name}') has {field.Length} values but y.Length * x.Length = {ny} * {nx} = {nx * ny}.",
                    paramName);
            }
        }
    }

    /// <summary>Height-to-width ratio of the domain spanned by the grid, kept within [0.35, 2.5].</summary>
    private static double MapAspect(double[] x, double[] y)
    {
        double width = Math.Abs(x[^1] - x[0]);
        double height = Math.Abs(y[^1] - y[0]);
        if (!(width > 0) || !(height > 0) || !double.IsFinite(width) || !double.IsFinite(height))
        {
            return 1.0;
        }

        return Math.Clamp(height / width, 0.35, 2.5);
    }

    /// <summary>
    /// The note for a map with nothing to tell apart: "zero everywhere", "constant: V" or "no finite values";
    /// null for a field that varies.
    /// </summary>
    private static string? ConstantFieldNote(double min, double max)
    {
        if (double.IsNaN(min))
        {
            return "no finite values";
        }

        if (min != max)
        {
            return null;
        }

        return min == 0 ? "zero everywhere" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"constant: {min:g4}");
    }

    /// <summary>Minimum and maximum of the finite values (both NaN if there are none).</summary>
    private static (double Min, double Max) FiniteRange(double[] values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return double.IsFinite(min) ? (min, max) : (double.NaN, double.NaN);
    }

    /// <summary>
    /// Splits a row-major [y, x] field into rows for plotly.js, in single precision (plenty for a colour
    /// map, and it halves the page size) with non-finite values as null gaps.
    /// </summary>
    private static float?[][] Rows(double[] field, int nx, int ny)
    {
        var rows = new float?[ny][];
        for (int j = 0; j < ny; j++)
        {
            var row = new float?[nx];
            for (int i = 0; i < nx; i++)
            {
                double v = field[j * nx + i];
                row[i] = double.IsFinite(v) ? (float)v : null;
            }

            rows[j] = row;
        }

        return rows;
    }
}
