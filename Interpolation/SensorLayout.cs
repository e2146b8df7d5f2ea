using Science.Numerics.IO;
using System.Globalization;
using Science.QgModel;

namespace Science.Interpolation;

/// <summary>
/// Where the sensors are: sorted, unique flat indices p = j·Nx + i of the row-major grid (spec §8.1). The same set is
/// used at t_n and t_n + Δt, in both layers and for every snapshot (co-located sensors).
/// </summary>
public sealed class SensorLayout
{
    /// <summary>Wraps sorted unique indices on a grid.</summary>
    public SensorLayout(Grid grid, int[] indices, string description)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Length == 0) throw new ArgumentException("a sensor layout needs at least one sensor", nameof(indices));
        for (int k = 0; k < indices.Length; k++)
        {
            if (indices[k] < 0 || indices[k] >= grid.RealSize)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[k], $"sensor index must be in [0, {grid.RealSize - 1}]");
            if (k > 0 && indices[k] <= indices[k - 1])
                throw new ArgumentException("sensor indices must be sorted and unique", nameof(indices));
        }
        Grid = grid;
        Indices = indices;
        Description = description;
    }

    /// <summary>The grid.</summary>
    public Grid Grid { get; }
    /// <summary>Sorted unique flat indices j·Nx + i.</summary>
    public int[] Indices { get; }
    /// <summary>How the layout was made, for reports.</summary>
    public string Description { get; }
    /// <summary>Number of sensors per layer.</summary>
    public int Count => Indices.Length;
    /// <summary>Fraction of grid points observed.</summary>
    public double Ratio => (double)Count / Grid.RealSize;

    /// <summary>
    /// A uniformly random subset of n = ⌊ratio·Nx·Ny⌋ points (spec §8.1: 0.25 → 4 608, 0.5 → 9 216, 0.75 → 13 824,
    /// 0.95 → 17 510 on the default grid), drawn without replacement with <see cref="Random"/>(seed) and sorted.
    /// </summary>
    public static SensorLayout RandomSubset(Grid grid, double ratio, int seed)
    {
        if (!(ratio > 0 && ratio <= 1)) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "the sensor ratio must be in (0, 1]");
        int total = grid.RealSize, n = (int)Math.Floor(ratio * total);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, $"the sensor ratio gives no sensor on {total} points");
        // Partial Fisher–Yates: the first n entries of a seeded shuffle.
        var all = new int[total];
        for (int p = 0; p < total; p++) all[p] = p;
        var rng = new Random(seed);
        for (int k = 0; k < n; k++)
        {
            int pick = k + rng.Next(total - k);
            (all[k], all[pick]) = (all[pick], all[k]);
        }
        var chosen = all[..n];
        Array.Sort(chosen);
        return new SensorLayout(grid, chosen, $"random {ratio:G4} (seed {seed})");
    }

    /// <summary>Every grid point observed (SR = 1).</summary>
    public static SensorLayout Full(Grid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var all = new int[grid.RealSize];
        for (int p = 0; p < all.Length; p++) all[p] = p;
        return new SensorLayout(grid, all, "full");
    }

    /// <summary>
    /// A regular sub-grid: columns i = offsetX, offsetX + strideX, … and rows j = offsetY, offsetY + strideY, …
    /// (e.g. strides 2, 2 observe a quarter of the points).
    /// </summary>
    public static SensorLayout RegularSubgrid(Grid grid, int strideX, int strideY, int offsetX = 0, int offsetY = 0)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (strideX < 1 || strideX > grid.Nx) throw new ArgumentOutOfRangeException(nameof(strideX), strideX, $"the x stride must be in [1, {grid.Nx}]");
        if (strideY < 1 || strideY > grid.Ny) throw new ArgumentOutOfRangeException(nameof(strideY), strideY, $"the y stride must be in [1, {grid.Ny}]");
        if (offsetX < 0 || offsetX >= strideX) throw new ArgumentOutOfRangeException(nameof(offsetX), offsetX, $"the x offset must be in [0, {strideX - 1}]");
        if (offsetY < 0 || offsetY >= strideY) throw new ArgumentOutOfRangeException(nameof(offsetY), offsetY, $"the y offset must be in [0, {strideY - 1}]");
        var list = new List<int>();
        for (int j = offsetY; j < grid.Ny; j += strideY)
            for (int i = offsetX; i < grid.Nx; i += strideX)
                list.Add(j * grid.Nx + i);
        return new SensorLayout(grid, [.. list], $"regular every {strideX}×{strideY} from ({offsetX}, {offsetY})");
    }

    /// <summary>
    /// A layout from arbitrary flat indices p = j·Nx + i (any order; duplicates are merged). Throws when an index is
    /// outside the grid or the list is empty.
    /// </summary>
    public static SensorLayout FromIndices(Grid grid, IEnumerable<int> indices, string description)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(indices);
        var sorted = new SortedSet<int>();
        foreach (int p in indices)
        {
            if (p < 0 || p >= grid.RealSize)
                throw new ArgumentOutOfRangeException(nameof(indices), p, $"sensor index must be in [0, {grid.RealSize - 1}]");
            sorted.Add(p);
        }
        return new SensorLayout(grid, [.. sorted], description);
    }

    /// <summary>
    /// Reads a user list of sensor points from a text or CSV file. One point per line; fields separated by commas,
    /// semicolons, tabs or spaces; blank lines and lines starting with '#' are ignored. An optional header line names
    /// the columns:
    /// <list type="bullet">
    /// <item><c>p</c> (or <c>index</c>): one flat index j·Nx + i per line;</item>
    /// <item><c>i,j</c>: column (x index) and row (y index);</item>
    /// <item><c>x,y</c>: physical coordinates in [−Lx/2, Lx/2] × [−Ly/2, Ly/2], snapped to the nearest grid point
    /// (periodically, so x = Lx/2 maps to i = 0).</item>
    /// </list>
    /// Without a header, one field per line means p and two fields mean i, j. Points are sorted and duplicates merged.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line cannot be read; the message names the file and line.</exception>
    public static SensorLayout FromFile(Grid grid, string path)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"sensor file not found: {path}", path);
        string? kind = null;
        var indices = new List<int>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split([',', ';', '\t', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (kind is null && !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                string header = string.Join(",", fields).ToLowerInvariant();
                kind = header switch
                {
                    "p" or "index" => "p",
                    "i,j" => "ij",
                    "x,y" => "xy",
                    _ => throw new FormatException($"{path}:{lineNumber}: unknown header '{line}'; expected 'p', 'i,j' or 'x,y'"),
                };
                continue;
            }
            kind ??= fields.Length == 1 ? "p" : "ij";
            int want = kind == "p" ? 1 : 2;
            if (fields.Length != want)
                throw new FormatException($"{path}:{lineNumber}: expected {want} field(s) ({(kind == "p" ? "p" : kind == "ij" ? "i, j" : "x, y")}), got {fields.Length}: '{line}'");
            try
            {
                indices.Add(kind switch
                {
                    "p" => CheckIndex(ParseInt(fields[0]), grid.RealSize, "p"),
                    "ij" => CheckIndex(ParseInt(fields[1]), grid.Ny, "j") * grid.Nx + CheckIndex(ParseInt(fields[0]), grid.Nx, "i"),
                    _ => Snap(ParseReal(fields[1]), grid.Ly, grid.Ny, "y") * grid.Nx + Snap(ParseReal(fields[0]), grid.Lx, grid.Nx, "x"),
                });
            }
            catch (FormatException e)
            {
                throw new FormatException($"{path}:{lineNumber}: {e.Message}", e);
            }
        }
        if (indices.Count == 0) throw new FormatException($"{path}: no sensor points found");
        return FromIndices(grid, indices, $"file {Path.GetFileName(path)} ({indices.Count} lines)");

        static int ParseInt(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v : throw new FormatException($"'{s}' is not an integer");
        static double ParseReal(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw new FormatException($"'{s}' is not a finite number");
        static int CheckIndex(int v, int n, string name) => v >= 0 && v < n ? v : throw new FormatException($"{name} = {v} is outside [0, {n - 1}]");
        static int Snap(double v, double length, int n, string name)
        {
            if (v < -length / 2 - 1e-9 * length || v > length / 2 + 1e-9 * length)
                throw new FormatException($"{name} = {v.ToString(CultureInfo.InvariantCulture)} is outside [{(-length / 2).ToString(CultureInfo.InvariantCulture)}, {(length / 2).ToString(CultureInfo.InvariantCulture)}]");
            int k = (int)Math.Round((v + length / 2) / (length / n), MidpointRounding.AwayFromZero);
            return ((k % n) + n) % n;
        }
    }

    /// <summary>
    /// Writes the layout as a CSV file with the header <c>i,j</c>, readable by <see cref="FromFile"/>; atomically
    /// (temporary file + rename), so an existing file is never left half-written.
    /// </summary>
    public void WriteFile(string path) => Science.Numerics.IO.AtomicFile.Write(path, temp =>
    {
        using var w = new StreamWriter(temp);
        w.WriteLine("# " + Description);
        w.WriteLine("i,j");
        foreach (int p in Indices) w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p % Grid.Nx},{p / Grid.Nx}"));
    });

    /// <summary>Column (x index) of sensor <paramref name="k"/>.</summary>
    public int Column(int k) => Indices[k] % Grid.Nx;

    /// <summary>Row (y index) of sensor <paramref name="k"/>.</summary>
    public int Row(int k) => Indices[k] / Grid.Nx;

    /// <summary>Whether each grid point is observed, row-major <c>[y, x]</c>.</summary>
    public bool[] Mask()
    {
        var mask = new bool[Grid.RealSize];
        foreach (int p in Indices) mask[p] = true;
        return mask;
    }

    /// <summary>The unobserved grid points, sorted.</summary>
    public int[] MissingIndices()
    {
        var missing = new int[Grid.RealSize - Count];
        int k = 0, m = 0;
        for (int p = 0; p < Grid.RealSize; p++)
        {
            if (k < Indices.Length && Indices[k] == p) { k++; continue; }
            missing[m++] = p;
        }
        return missing;
    }

    /// <summary>Scaled coordinates (spec §8.2) of the sensors, in layout order.</summary>
    public (double[] X, double[] Y) Coordinates(CoordinateScaling scaling)
    {
        var x = new double[Count];
        var y = new double[Count];
        for (int k = 0; k < Count; k++)
        {
            x[k] = ScaledCoordinates.Value(Column(k), Grid.Nx, scaling);
            y[k] = ScaledCoordinates.Value(Row(k), Grid.Ny, scaling);
        }
        return (x, y);
    }

    /// <summary>
    /// The network coordinates (X = x·2π/Lx, Y = y·2π/Ly, spec §8.2) of the sensors as float32 pairs (X, Y), the
    /// training inputs of the neural interpolators.
    /// </summary>
    public float[] NetworkCoordinatesSingle()
    {
        var (x, y) = Coordinates(CoordinateScaling.Network);
        var xy = new float[2 * Count];
        for (int k = 0; k < Count; k++)
        {
            xy[2 * k] = (float)x[k];
            xy[2 * k + 1] = (float)y[k];
        }
        return xy;
    }

    /// <summary>Whether another layout has the same grid and the same sensors.</summary>
    public bool SameAs(SensorLayout other) =>
        ReferenceEquals(this, other) || (other.Grid.SameAs(Grid) && other.Indices.AsSpan().SequenceEqual(Indices));

    /// <summary>Values of a <c>[y, x]</c> field at the sensors, in layout order.</summary>
    public void Sample(ReadOnlySpan<double> field, Span<double> destination)
    {
        for (int k = 0; k < Indices.Length; k++) destination[k] = field[Indices[k]];
    }

    /// <summary>Values of both layers <c>[layer, y, x]</c> at the sensors, as <c>[layer, sensor]</c>.</summary>
    public double[] SampleLayers(ReadOnlySpan<double> psi)
    {
        int n = Grid.RealSize;
        var v = new double[2 * Count];
        Sample(psi[..n], v.AsSpan(0, Count));
        Sample(psi.Slice(n, n), v.AsSpan(Count, Count));
        return v;
    }
}
