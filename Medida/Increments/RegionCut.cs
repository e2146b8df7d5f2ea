using Science.QgModel;

namespace Science.Medida.Increments;

/// <summary>
/// The boundary frame dropped before regression (spec §4.1 step 8): <see cref="Rows"/> rows at the south and north
/// edges (sponge) and <see cref="Columns"/> columns at the west and east edges (not needed physically since x is
/// periodic, but part of the reference). The rest is flattened row-major.
/// </summary>
/// <param name="Rows">Rows dropped at each of the two y edges (reference 20).</param>
/// <param name="Columns">Columns dropped at each of the two x edges (reference 20).</param>
public sealed record RegionCut(int Rows = 20, int Columns = 20)
{
    /// <summary>The reference cut of 20 points at each edge.</summary>
    public static RegionCut Reference { get; } = new();

    /// <summary>Points kept per layer and snapshot.</summary>
    public int Count(Grid grid) => KeptRows(grid) * KeptColumns(grid);

    /// <summary>Copies the kept part of a <c>[y, x]</c> field into <paramref name="destination"/> (length <see cref="Count"/>).</summary>
    public void Extract(Grid grid, ReadOnlySpan<double> field, Span<double> destination)
    {
        Validate(grid);
        int width = KeptColumns(grid), rows = KeptRows(grid);
        for (int r = 0; r < rows; r++)
            field.Slice((r + Rows) * grid.Nx + Columns, width).CopyTo(destination.Slice(r * width, width));
    }

    /// <summary>Checks that something is left of the grid.</summary>
    public void Validate(Grid grid)
    {
        if (Rows < 0 || 2 * Rows >= grid.Ny)
            throw new ArgumentOutOfRangeException(nameof(Rows), Rows, $"the row cut must be in [0, {(grid.Ny - 1) / 2}] for {grid.Ny} rows");
        if (Columns < 0 || 2 * Columns >= grid.Nx)
            throw new ArgumentOutOfRangeException(nameof(Columns), Columns, $"the column cut must be in [0, {(grid.Nx - 1) / 2}] for {grid.Nx} columns");
    }

    private int KeptRows(Grid grid) => grid.Ny - 2 * Rows;
    private int KeptColumns(Grid grid) => grid.Nx - 2 * Columns;
}
