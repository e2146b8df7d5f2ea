using Science.Numerics.LinearAlgebra;
using System.Numerics.Tensors;
using Science.QgModel;

namespace Science.Interpolation.Spectral;

/// <summary>
/// One-level additive Schwarz preconditioner for a restricted periodic convolution A = R K Rᵀ (R picks the points of
/// <c>points</c>): the grid is cut into square tiles, each widened by an overlap; on each tile the dense block A_BB
/// is factorised (Cholesky) and z = Σ_B R_Bᵀ A_BB⁻¹ R_B r. Symmetric positive definite, so it suits PCG.
/// </summary>
internal sealed class SchwarzPreconditioner
{
    private readonly int[][] _members;      // per tile: positions in the unknown vector
    private readonly double[][] _inverses;  // per tile: A_BB⁻¹, row-major

    public SchwarzPreconditioner(Grid grid, int[] points, double[] kernel, int tile, int overlap)
    {
        int nx = grid.Nx, ny = grid.Ny;
        int tx = (nx + tile - 1) / tile, ty = (ny + tile - 1) / tile;
        var lists = new List<int>[tx * ty];
        for (int t = 0; t < lists.Length; t++) lists[t] = [];
        for (int k = 0; k < points.Length; k++)
        {
            int i = points[k] % nx, j = points[k] / nx;
            // Every tile whose widened box contains (i, j) (no periodic wrap: tiles at the edges are not widened across).
            int bx0 = Math.Max(0, (i - overlap) / tile), bx1 = Math.Min(tx - 1, (i + overlap) / tile);
            int by0 = Math.Max(0, (j - overlap) / tile), by1 = Math.Min(ty - 1, (j + overlap) / tile);
            for (int by = by0; by <= by1; by++)
                for (int bx = bx0; bx <= bx1; bx++)
                {
                    if (i >= bx * tile - overlap && i < (bx + 1) * tile + overlap && j >= by * tile - overlap && j < (by + 1) * tile + overlap)
                        lists[by * tx + bx].Add(k);
                }
        }
        var members = lists.Where(l => l.Count > 0).Select(l => l.ToArray()).ToArray();
        var factors = new double[members.Length][];
        Parallel.For(0, members.Length, t =>
        {
            var m = members[t];
            int n = m.Length;
            var a = new double[n * n];
            for (int r = 0; r < n; r++)
            {
                int pr = points[m[r]], ir = pr % nx, jr = pr / nx;
                for (int c = 0; c <= r; c++)
                {
                    int pc = points[m[c]], ic = pc % nx, jc = pc / nx;
                    int di = ((ir - ic) % nx + nx) % nx, dj = ((jr - jc) % ny + ny) % ny;
                    a[r * n + c] = a[c * n + r] = kernel[dj * nx + di];
                }
            }
            var inverse = new double[n * n];
            if (!SmallDense.TryInverseSpd(a, n, inverse, new double[n * n]))
                throw new InvalidOperationException("a Schwarz block of the OI system is not positive definite; the prior is degenerate");
            factors[t] = inverse;
        });
        _members = members;
        _inverses = factors;
    }

    public int Tiles => _members.Length;

    public void Apply(double[] r, double[] z)
    {
        // Tiles in parallel, each into its own slice of a scratch vector, then summed in tile order (deterministic).
        var partial = new double[_members.Length][];
        Parallel.For(0, _members.Length, t =>
        {
            var m = _members[t];
            int n = m.Length;
            var inv = _inverses[t];
            var b = new double[n];
            for (int k = 0; k < n; k++) b[k] = r[m[k]];
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = TensorPrimitives.Dot<double>(inv.AsSpan(i * n, n), b);
            partial[t] = x;
        });
        Array.Clear(z);
        for (int t = 0; t < _members.Length; t++)
        {
            var m = _members[t];
            var x = partial[t];
            for (int k = 0; k < m.Length; k++) z[m[k]] += x[k];
        }
    }
}
