using System.Globalization;
using Science.QgModel;

namespace Science.Interpolation;

/// <summary>
/// The one-string description of a sensor layout used by the command line (<c>--sensors</c>) and by configs:
/// <list type="bullet">
/// <item>a ratio in (0, 1], e.g. <c>0.75</c>: <see cref="SensorLayout.RandomSubset"/> with the sensor seed;</item>
/// <item><c>full</c>: every grid point;</item>
/// <item><c>regular:SX,SY</c> or <c>regular:SX,SY,OX,OY</c>: <see cref="SensorLayout.RegularSubgrid"/> with strides
/// (and offsets) in grid points;</item>
/// <item>anything else is a point-list file read by <see cref="SensorLayout.FromFile"/>.</item>
/// </list>
/// </summary>
public static class SensorSpecification
{
    /// <summary>What the accepted forms are, for error messages.</summary>
    public const string Forms = "a ratio in (0, 1], 'full', 'regular:SX,SY[,OX,OY]' or a sensor file (p | i,j | x,y per line)";

    /// <summary>Whether <paramref name="text"/> is a number (a sensor ratio) rather than a named layout or a file.</summary>
    public static bool IsRatio(string text, out double ratio) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio);

    /// <summary>Builds the layout described by <paramref name="text"/> on <paramref name="grid"/>.</summary>
    /// <param name="grid">The grid the sensors live on.</param>
    /// <param name="text">The specification (see the class remarks).</param>
    /// <param name="seed">Seed of the random subset (ignored by the other forms).</param>
    /// <exception cref="ArgumentException">A ratio outside (0, 1] or a malformed <c>regular:</c> form.</exception>
    /// <exception cref="FileNotFoundException">The text names no form and no existing file.</exception>
    /// <exception cref="FormatException">The file cannot be read as a point list (the message names the line).</exception>
    public static SensorLayout Parse(Grid grid, string text, int seed)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        text = text.Trim();
        if (IsRatio(text, out double ratio))
        {
            if (!(ratio > 0 && ratio <= 1)) throw new ArgumentOutOfRangeException(nameof(text), ratio, $"the sensor ratio must be in (0, 1]; {Forms}");
            return ratio == 1 ? SensorLayout.Full(grid) : SensorLayout.RandomSubset(grid, ratio, seed);
        }
        if (text.Equals("full", StringComparison.OrdinalIgnoreCase)) return SensorLayout.Full(grid);
        if (text.StartsWith("regular:", StringComparison.OrdinalIgnoreCase)) return Regular(grid, text["regular:".Length..]);
        if (!File.Exists(text)) throw new FileNotFoundException($"sensor file not found: {text} (expected {Forms})", text);
        return SensorLayout.FromFile(grid, text);
    }

    private static SensorLayout Regular(Grid grid, string arguments)
    {
        var parts = arguments.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        bool ok = parts.Length is 2 or 4;
        for (int k = 0; ok && k < parts.Length; k++)
            ok = int.TryParse(parts[k], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[k]);
        if (!ok) throw new ArgumentException($"'regular:{arguments}' must be regular:SX,SY or regular:SX,SY,OX,OY with integer strides and offsets", nameof(arguments));
        return parts.Length == 2
            ? SensorLayout.RegularSubgrid(grid, values[0], values[1])
            : SensorLayout.RegularSubgrid(grid, values[0], values[1], values[2], values[3]);
    }
}
