namespace Science.Medida.Regression;

/// <summary>
/// Accumulates a <see cref="DesignMatrix"/> in blocks of rows with fixed labels, e.g. one block per snapshot when
/// stacking snapshots (spec LEN_LOOP). Each block is validated (lengths, finiteness) as it is appended.
/// </summary>
public sealed class DesignMatrixBuilder
{
    private readonly string[] _labels;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<double[]>[] _blocks;

    /// <summary>Starts an empty matrix with these column labels (unique, non-empty).</summary>
    /// <exception cref="ArgumentException">No labels, an empty label or a repeated label.</exception>
    public DesignMatrixBuilder(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = labels.ToArray();
        if (_labels.Length == 0) throw new ArgumentException("a design matrix needs at least one column", nameof(labels));
        for (int j = 0; j < _labels.Length; j++)
        {
            DesignMatrix.CheckLabel(_labels[j], j, nameof(labels));
            if (!_index.TryAdd(_labels[j], j)) throw new ArgumentException($"the label '{_labels[j]}' appears twice", nameof(labels));
        }
        _blocks = new List<double[]>[_labels.Length];
        for (int j = 0; j < _labels.Length; j++) _blocks[j] = [];
    }

    /// <summary>The column labels.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Rows appended so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Appends a block of rows given as one column per label, in label order (the values are copied).</summary>
    /// <exception cref="ArgumentException">Wrong number of columns, unequal lengths or a non-finite value.</exception>
    public DesignMatrixBuilder AppendBlock(IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != _labels.Length)
            throw new ArgumentException($"block has {columns.Count} columns, the matrix {_labels.Length} ({string.Join(", ", _labels)})", nameof(columns));
        int n = -1;
        for (int j = 0; j < columns.Count; j++)
        {
            if (columns[j] is null) throw new ArgumentException($"column '{_labels[j]}' of the block is null", nameof(columns));
            if (n < 0) n = columns[j].Length;
            else if (columns[j].Length != n)
                throw new ArgumentException($"column '{_labels[j]}' of the block has {columns[j].Length} rows but column '{_labels[0]}' has {n}", nameof(columns));
            DesignMatrix.CheckFinite(columns[j], _labels[j], Rows, nameof(columns));
        }
        if (n == 0) return this;
        for (int j = 0; j < columns.Count; j++) _blocks[j].Add((double[])columns[j].Clone());
        Rows = checked(Rows + n);
        return this;
    }

    /// <summary>Appends a block of rows given by label; the keys must be exactly the matrix labels.</summary>
    /// <exception cref="ArgumentException">A missing or unknown label, unequal lengths or a non-finite value.</exception>
    public DesignMatrixBuilder AppendBlock(IReadOnlyDictionary<string, double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var key in columns.Keys)
            if (!_index.ContainsKey(key)) throw new ArgumentException($"block has the unknown column '{key}'", nameof(columns));
        var ordered = new double[_labels.Length][];
        for (int j = 0; j < _labels.Length; j++)
            ordered[j] = columns.TryGetValue(_labels[j], out var c) ? c : throw new ArgumentException($"block lacks the column '{_labels[j]}'", nameof(columns));
        return AppendBlock(ordered);
    }

    /// <summary>Appends all rows of <paramref name="block"/>, whose labels must equal this builder's, in order.</summary>
    /// <exception cref="ArgumentException">Different labels.</exception>
    public DesignMatrixBuilder AppendBlock(DesignMatrix block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (!block.Labels.SequenceEqual(_labels, StringComparer.Ordinal))
            throw new ArgumentException($"block labels ({string.Join(", ", block.Labels)}) differ from ({string.Join(", ", _labels)})", nameof(block));
        for (int j = 0; j < _labels.Length; j++) _blocks[j].Add(block.ColumnSpan(j).ToArray());
        Rows = checked(Rows + block.Rows);
        return this;
    }

    /// <summary>The stacked matrix (the builder may be reused afterwards).</summary>
    /// <exception cref="InvalidOperationException">No rows were appended.</exception>
    public DesignMatrix Build()
    {
        if (Rows == 0) throw new InvalidOperationException("no rows were appended");
        var data = new double[checked(Rows * _labels.Length)];
        for (int j = 0; j < _labels.Length; j++)
        {
            int offset = j * Rows;
            foreach (var piece in _blocks[j])
            {
                piece.CopyTo(data, offset);
                offset += piece.Length;
            }
        }
        return new DesignMatrix((string[])_labels.Clone(), data, Rows);
    }
}
