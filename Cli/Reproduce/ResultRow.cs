namespace Science.Cli.Reproduce;

/// <summary>
/// One row of a part's table: a quantity the spec (or a notebook's regression check) states, our value, the accepted
/// deviation and whether ours is within it.
/// </summary>
/// <param name="Group">What the row belongs to, e.g. "case 1001" or "l96-sakov2008".</param>
/// <param name="Item">The quantity, e.g. "layer 1" or "EnKF('Sqrt', N=24, …) rmse_a".</param>
/// <param name="Expected">The expected value in words, e.g. "ψ1 −0.1, ψ2 +0.1, ψR +0.1".</param>
/// <param name="Ours">Our value in words.</param>
/// <param name="Tolerance">The accepted deviation in words, e.g. "exact support, ≤ 1 %".</param>
/// <param name="Pass">Whether ours is within the tolerance.</param>
/// <param name="Source">Where the expectation comes from, e.g. "spec §13 C3" or "notebook 03".</param>
public sealed record ResultRow(string Group, string Item, string Expected, string Ours, string Tolerance, bool Pass, string Source);

/// <summary>A chart file of a part, relative to the part's folder.</summary>
/// <param name="File">The file name inside the part folder, e.g. "case-1001-lcurve.html" or "ks-space-time.png".</param>
/// <param name="Title">A caption.</param>
public sealed record ChartFile(string File, string Title)
{
    /// <summary>Whether the chart is an interactive plotly.js page (else an image).</summary>
    public bool IsHtml => File.EndsWith(".html", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What a finished part produced; written as the part's <c>done.json</c>.</summary>
public sealed record PartResult
{
    /// <summary>The part's key (its folder name).</summary>
    public required string Part { get; init; }
    /// <summary>The mode it ran in.</summary>
    public required ReproductionMode Mode { get; init; }
    /// <summary>The rows of its table.</summary>
    public required IReadOnlyList<ResultRow> Rows { get; init; }
    /// <summary>Its charts, in display order.</summary>
    public required IReadOnlyList<ChartFile> Charts { get; init; }
    /// <summary>Its tables (CSV/JSON file names in the part folder).</summary>
    public required IReadOnlyList<string> Tables { get; init; }
    /// <summary>Wall time of the part (s), summed over the runs that built it when it was resumed.</summary>
    public double Seconds { get; init; }
    /// <summary>When it finished (UTC, ISO 8601).</summary>
    public string FinishedUtc { get; init; } = "";
    /// <summary>Notes on the settings, in words.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Whether every row passes.</summary>
    public bool Passes => Rows.All(r => r.Pass);
}
