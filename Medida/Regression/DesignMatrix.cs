using System.Numerics.Tensors;

namespace Science.Medida.Regression;

/// <summary>
/// A labelled design matrix Φ (n_s rows × M columns) for sparse regression, stored column-major in one contiguous array
/// (column j occupies <c>[j·Rows, (j+1)·Rows)</c>), so every column is a contiguous span for SIMD dot products.
/// Immutable once built. Every label is unique and every value finite.
/// </summary>
public sealed class DesignMatrix
{
    private readonly double[] _data;
    private readonly string[] _labels;
    private readonly Dictionary<string, int> _index;

    /// <summary>Builds a design matrix from (label, column) pairs, in order. The values are copied.</summary>
    /// <param name="columns">The columns with their labels; all of equal, non-zero length.</param>
    /// <exception cref="ArgumentException">No columns, empty or duplicate labels, unequal lengths or a non-finite value
    /// (the message names the offending label).</exception>
    public DesignMatrix(IEnumerable<(string Label, double[] Values)> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var list = columns.ToList();
        if (list.Count == 0) throw new ArgumentException("a design matrix needs at least one column", nameof(columns));
        _labels = new string[list.Count];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        int rows = -1;
        for (int j = 0; j < list.Count; j++)
        {
            var (label, values) = list[j];
            CheckLabel(label, j, nameof(columns));
            CheckUnique(label, j, nameof(columns));
            if (values is null) throw new ArgumentException($"column '{label}' is null", nameof(columns));
            if (rows < 0) rows = values.Length;
            else if (values.Length != rows)
                throw new ArgumentException($"column '{label}' has {values.Length} rows but column '{_labels[0]}' has {rows}", nameof(columns));
            _labels[j] = label;
        }
        if (rows == 0) throw new ArgumentException("a design matrix needs at least one row", nameof(columns));
        Rows = rows;
        _data = new double[checked(rows * list.Count)];
        for (int j = 0; j < list.Count; j++)
        {
            CheckFinite(list[j].Values, list[j].Label, 0, nameof(columns));
            list[j].Values.CopyTo(_data, j * rows);
        }
    }

    /// <summary>Builds a design matrix from labels and columns given in the same order. The values are copied.</summary>
    /// <exception cref="ArgumentException">Different counts, or any of the conditions of the main constructor.</exception>
    public DesignMatrix(IReadOnlyList<string> labels, IReadOnlyList<double[]> columns)
        : this(Zip(labels, columns))
    {
    }

    /// <summary>Takes ownership of an already validated column-major array.</summary>
    internal DesignMatrix(string[] labels, double[] data, int rows)
    {
        _labels = labels;
        _data = data;
        Rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < labels.Length; j++) _index.Add(labels[j], j);
    }

    /// <summary>Number of rows n_s (samples).</summary>
    public int Rows { get; }

    /// <summary>Number of columns M (candidate terms).</summary>
    public int Columns => _labels.Length;

    /// <summary>The column labels, in column order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Entry (row, column).</summary>
    public double this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row));
            if ((uint)column >= (uint)Columns) throw new ArgumentOutOfRangeException(nameof(column));
            return _data[column * Rows + row];
        }
    }

    /// <summary>The index of a label, or −1 when absent.</summary>
    public int IndexOf(string label) => _index.TryGetValue(label, out int j) ? j : -1;

    /// <summary>Whether a column with this label exists.</summary>
    public bool Contains(string label) => _index.ContainsKey(label);

    /// <summary>Column <paramref name="column"/> as a contiguous span.</summary>
    public ReadOnlySpan<double> Column(int column)
    {
        if ((uint)column >= (uint)Columns) throw new ArgumentOutOfRangeException(nameof(column));
        return _data.AsSpan(column * Rows, Rows);
    }

    /// <summary>The column labelled <paramref name="label"/>.</summary>
    /// <exception cref="ArgumentException">Unknown label.</exception>
    public ReadOnlySpan<double> Column(string label) => Column(RequireIndex(label, nameof(label)));

    /// <summary>The Gram matrix ΦᵀΦ (M × M), by SIMD dot products over the contiguous columns.</summary>
    public double[,] Gram()
    {
        var flat = GramFlat();
        int m = Columns;
        var g = new double[m, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++) g[i, j] = flat[i * m + j];
        return g;
    }

    /// <summary>Φᵀy (length M).</summary>
    /// <exception cref="ArgumentException"><paramref name="y"/> does not have <see cref="Rows"/> entries.</exception>
    public double[] TransposeTimes(ReadOnlySpan<double> y)
    {
        if (y.Length != Rows) throw new ArgumentException($"vector has {y.Length} entries, the design matrix {Rows} rows", nameof(y));
        var r = new double[Columns];
        for (int j = 0; j < Columns; j++) r[j] = TensorPrimitives.Dot(ColumnSpan(j), y);
        return r;
    }

    /// <summary>Φc (length n_s) for a full-length coefficient vector.</summary>
    /// <exception cref="ArgumentException"><paramref name="coefficients"/> does not have <see cref="Columns"/> entries.</exception>
    public double[] Times(ReadOnlySpan<double> coefficients)
    {
        if (coefficients.Length != Columns)
            throw new ArgumentException($"{coefficients.Length} coefficients for {Columns} columns", nameof(coefficients));
        var y = new double[Rows];
        for (int j = 0; j < Columns; j++)
            if (coefficients[j] != 0) TensorPrimitives.MultiplyAdd(ColumnSpan(j), coefficients[j], y, y);
        return y;
    }

    /// <summary>A new design matrix made of the named columns, in the given order.</summary>
    /// <exception cref="ArgumentException">Unknown or repeated label, or no labels.</exception>
    public DesignMatrix Select(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var chosen = labels.ToArray();
        if (chosen.Length == 0) throw new ArgumentException("select at least one column", nameof(labels));
        if (chosen.Distinct(StringComparer.Ordinal).Count() != chosen.Length)
            throw new ArgumentException("a label is selected twice", nameof(labels));
        var data = new double[checked(chosen.Length * Rows)];
        for (int k = 0; k < chosen.Length; k++) ColumnSpan(RequireIndex(chosen[k], nameof(labels))).CopyTo(data.AsSpan(k * Rows, Rows));
        return new DesignMatrix(chosen, data, Rows);
    }

    /// <summary>
    /// Column means and population standard deviations (ddof = 0), by two passes (mean, then centred sum of squares).
    /// </summary>
    public ColumnStatistics Statistics()
    {
        var means = new double[Columns];
        var stds = new double[Columns];
        for (int j = 0; j < Columns; j++) (means[j], stds[j]) = MeanAndStd(ColumnSpan(j));
        return new ColumnStatistics(means, stds);
    }

    /// <summary>Root mean square of all entries of Φ: sqrt(Σ_ij Φ_ij² / (n_s·M)).</summary>
    public double RootMeanSquare()
    {
        double s = 0;
        for (int j = 0; j < Columns; j++) s += TensorPrimitives.Dot(ColumnSpan(j), ColumnSpan(j));
        return Math.Sqrt(s / ((double)Rows * Columns));
    }

    /// <summary>
    /// Stacks blocks of rows (e.g. snapshots) with the same labels in the same order: the result has the rows of the
    /// first block, then those of the second, and so on.
    /// </summary>
    /// <exception cref="ArgumentException">No blocks, or blocks whose labels differ.</exception>
    public static DesignMatrix Stack(IEnumerable<DesignMatrix> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var list = blocks.ToList();
        if (list.Count == 0) throw new ArgumentException("stack at least one block", nameof(blocks));
        var builder = new DesignMatrixBuilder(list[0].Labels);
        foreach (var block in list) builder.AppendBlock(block);
        return builder.Build();
    }

    internal ReadOnlySpan<double> ColumnSpan(int j) => _data.AsSpan(j * Rows, Rows);

    /// <summary>ΦᵀΦ as a row-major M·M array (both triangles filled).</summary>
    internal double[] GramFlat()
    {
        var g = new double[Columns * Columns];
        GramKernel.Compute(this, default, default, g, []);
        return g;
    }

    internal int RequireIndex(string label, string parameter)
    {
        if (label is null || !_index.TryGetValue(label, out int j))
            throw new ArgumentException($"the design matrix has no column '{label}'; columns: {string.Join(", ", _labels)}", parameter);
        return j;
    }

    internal static (double Mean, double Std) MeanAndStd(ReadOnlySpan<double> x)
    {
        double mean = TensorPrimitives.Sum(x) / x.Length;
        double ss = 0;
        foreach (double v in x)
        {
            double d = v - mean;
            ss += d * d;
        }
        return (mean, Math.Sqrt(ss / x.Length));
    }

    internal static void CheckLabel(string label, int position, string parameter)
    {
        if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException($"column {position} has an empty label", parameter);
    }

    internal static void CheckFinite(ReadOnlySpan<double> values, string label, int rowOffset, string parameter)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"column '{label}' has a non-finite value ({values[i]}) at row {rowOffset + i}", parameter);
    }

    private void CheckUnique(string label, int j, string parameter)
    {
        if (!_index.TryAdd(label, j)) throw new ArgumentException($"the label '{label}' appears twice", parameter);
    }

    private static IEnumerable<(string, double[])> Zip(IReadOnlyList<string> labels, IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(columns);
        if (labels.Count != columns.Count)
            throw new ArgumentException($"{labels.Count} labels for {columns.Count} columns", nameof(labels));
        return labels.Zip(columns);
    }
}

/// <summary>Per-column means and population standard deviations (ddof = 0).</summary>
/// <param name="Means">Column means.</param>
/// <param name="StandardDeviations">Population standard deviations, sqrt(mean((φ − mean)²)).</param>
public sealed record ColumnStatistics(IReadOnlyList<double> Means, IReadOnlyList<double> StandardDeviations);
