using Science.Interpolation;

namespace Science.Interactive;

/// <summary>
/// The HTML view of a <see cref="SensorLayout"/>: number of sensors, observed fraction, description, and the mask
/// (1 = observed, 0 = not) as a static image on the model grid.
/// </summary>
internal static class SensorLayoutHtml
{
    /// <summary>Writes the table and the mask image.</summary>
    public static void Write(SensorLayout layout, TextWriter writer)
    {
        var grid = layout.Grid;
        var table = new HtmlTable("sensor layout", "quantity", "value")
            .Row("sensors per layer", layout.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Row("grid points per layer", grid.RealSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Row("observed fraction", HtmlTable.Number(layout.Ratio, "P2"))
            .Row("description", layout.Description);
        writer.Write(table.ToString());
        var mask = Array.ConvertAll(layout.Mask(), observed => observed ? 1.0 : 0.0);
        writer.Write(InlineImage.Map($"sensor mask ({layout.Count} of {grid.RealSize} points observed)", grid.X.ToArray(), grid.Y.ToArray(), mask, 330, 480));
    }
}
