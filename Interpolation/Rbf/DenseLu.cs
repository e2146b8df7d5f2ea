using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Science.Interpolation.Rbf;

/// <summary>
/// LU factorisation with partial (row) pivoting of a dense square matrix in double precision, P A = L U, computed in
/// place on a row-major array by a right-looking blocked algorithm: an unblocked panel factorisation, a triangular
/// solve for the block row of U, and a trailing-matrix update by a packed, register-blocked SIMD kernel (AVX-512
/// where available) run in parallel over row blocks. About 2n³/3 flops; deterministic for any thread count (every
/// output element is computed by one thread with a fixed summation order).
/// </summary>
public sealed class DenseLu
{
    private const int PanelWidth = 96;
    private const int RowsPerKernel = 6;

    private readonly double[] _lu;
    private readonly int[] _pivot;

    private DenseLu(int n, double[] lu, int[] pivot)
    {
        N = n;
        _lu = lu;
        _pivot = pivot;
    }

    /// <summary>Order of the matrix.</summary>
    public int N { get; }

    /// <summary>Smallest |U_ii| / largest |U_ii|: a cheap indicator of near-singularity (0 when singular).</summary>
    public double PivotRatio
    {
        get
        {
            double min = double.PositiveInfinity, max = 0;
            for (int i = 0; i < N; i++)
            {
                double d = Math.Abs(_lu[(long)i * N + i]);
                min = Math.Min(min, d);
                max = Math.Max(max, d);
            }
            return max > 0 ? min / max : 0;
        }
    }

    /// <summary>
    /// Factorises <paramref name="matrix"/> (row-major n × n), overwriting it with L (unit lower, below the diagonal)
    /// and U. Throws when a pivot is exactly zero (singular matrix).
    /// </summary>
    /// <param name="matrix">The matrix; taken over by the factorisation.</param>
    /// <param name="n">Its order.</param>
    /// <param name="maxThreads">Degree of parallelism of the trailing updates (≤ 0: all cores).</param>
    /// <exception cref="InvalidOperationException">The matrix is singular to working precision.</exception>
    public static DenseLu Factorize(double[] matrix, int n, int maxThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (n < 1 || (long)n * n != matrix.Length) throw new ArgumentException($"matrix must hold n² = {(long)n * n} values", nameof(matrix));
        var pivot = new int[n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : -1 };
        var packed = new double[(long)PanelWidth * (n + 16)];
        var panel = new double[(long)PanelWidth * n];
        for (int k0 = 0; k0 < n; k0 += PanelWidth)
        {
            int kb = Math.Min(PanelWidth, n - k0);
            FactorPanel(matrix, n, k0, kb, pivot, panel);
            int c0 = k0 + kb;
            if (c0 >= n) break;
            SolveBlockRow(matrix, n, k0, kb, c0);
            UpdateTrailing(matrix, n, k0, kb, c0, packed, options);
        }
        return new DenseLu(n, matrix, pivot);
    }

    /// <summary>Solves A x = b in place (b becomes x).</summary>
    public void Solve(Span<double> b)
    {
        if (b.Length != N) throw new ArgumentException($"the right-hand side must have {N} values", nameof(b));
        var a = _lu;
        int n = N;
        for (int i = 0; i < n; i++)
            if (_pivot[i] != i) (b[i], b[_pivot[i]]) = (b[_pivot[i]], b[i]);
        for (int i = 1; i < n; i++)
            b[i] -= Dot(a.AsSpan((int)((long)i * n), i), b[..i]);
        for (int i = n - 1; i >= 0; i--)
        {
            long row = (long)i * n;
            double s = b[i] - Dot(a.AsSpan((int)(row + i + 1), n - i - 1), b[(i + 1)..]);
            b[i] = s / a[row + i];
        }
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => System.Numerics.Tensors.TensorPrimitives.Dot<double>(x, y);

    // Unblocked LU with partial pivoting of columns k0 … k0+kb−1, rows k0 … n−1, done on a column-major copy of the
    // panel (contiguous pivot searches and updates); whole rows of the matrix are then interchanged, which applies the
    // pivots to the columns left and right of the panel, and the factored panel is written back.
    private static void FactorPanel(double[] a, int n, int k0, int kb, int[] pivot, double[] panel)
    {
        int m = n - k0;
        for (int i = 0; i < m; i++)
        {
            long row = (long)(k0 + i) * n + k0;
            for (int c = 0; c < kb; c++) panel[c * m + i] = a[row + c];
        }
        for (int j = 0; j < kb; j++)
        {
            var cj = panel.AsSpan(j * m, m);
            int p = j;
            double best = Math.Abs(cj[j]);
            for (int i = j + 1; i < m; i++)
            {
                double v = Math.Abs(cj[i]);
                if (v > best) { best = v; p = i; }
            }
            if (best == 0) throw new InvalidOperationException($"the matrix is singular (zero pivot in column {k0 + j})");
            pivot[k0 + j] = k0 + p;
            if (p != j)
                for (int c = 0; c < kb; c++)
                {
                    var cc = panel.AsSpan(c * m, m);
                    (cc[j], cc[p]) = (cc[p], cc[j]);
                }
            double inv = 1.0 / cj[j];
            var below = cj[(j + 1)..];
            System.Numerics.Tensors.TensorPrimitives.Multiply<double>(below, inv, below);
            for (int c = j + 1; c < kb; c++)
            {
                var cc = panel.AsSpan(c * m, m);
                double u = cc[j];
                if (u == 0) continue;
                var t = cc[(j + 1)..];
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<double>(below, -u, t, t);
            }
        }
        // Interchange whole rows in the order the pivots were chosen, then write the panel back.
        Span<double> tmp = new double[n];
        for (int j = k0; j < k0 + kb; j++)
        {
            int p = pivot[j];
            if (p == j) continue;
            var rowJ = a.AsSpan((int)((long)j * n), n);
            var rowP = a.AsSpan((int)((long)p * n), n);
            rowJ.CopyTo(tmp);
            rowP.CopyTo(rowJ);
            tmp.CopyTo(rowP);
        }
        for (int i = 0; i < m; i++)
        {
            long row = (long)(k0 + i) * n + k0;
            for (int c = 0; c < kb; c++) a[row + c] = panel[c * m + i];
        }
    }

    // U12 = L11⁻¹ A12 on rows k0 … k0+kb−1, columns c0 … n−1.
    private static void SolveBlockRow(double[] a, int n, int k0, int kb, int c0)
    {
        int width = n - c0;
        for (int i = k0 + 1; i < k0 + kb; i++)
        {
            var row = a.AsSpan((int)((long)i * n + c0), width);
            for (int p = k0; p < i; p++)
            {
                double l = a[(long)i * n + p];
                if (l == 0) continue;
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<double>(a.AsSpan((int)((long)p * n + c0), width), -l, row, row);
            }
        }
    }

    // A22 −= L21 · U12 with U12 packed in strips of 16 columns: packed[strip][p·16 + c].
    private static void UpdateTrailing(double[] a, int n, int k0, int kb, int c0, double[] packed, ParallelOptions options)
    {
        int width = n - c0;
        int strips = (width + 15) / 16;
        for (int s = 0; s < strips; s++)
        {
            int col = c0 + s * 16, w = Math.Min(16, n - col);
            long baseIndex = (long)s * kb * 16;
            for (int p = 0; p < kb; p++)
            {
                long src = (long)(k0 + p) * n + col;
                long dst = baseIndex + p * 16;
                for (int c = 0; c < 16; c++) packed[dst + c] = c < w ? a[src + c] : 0;
            }
        }
        int rows = n - c0;
        const int chunk = RowsPerKernel * 8, stripGroup = 8;
        int blocks = (rows + chunk - 1) / chunk;
        Parallel.For(0, blocks, options, block =>
        {
            int r0 = c0 + block * chunk, r1 = Math.Min(n, r0 + chunk);
            for (int g0 = 0; g0 < strips; g0 += stripGroup)
            {
                int g1 = Math.Min(strips, g0 + stripGroup);
                for (int r = r0; r < r1; r += RowsPerKernel)
                {
                    int h = Math.Min(RowsPerKernel, r1 - r);
                    for (int s = g0; s < g1; s++)
                    {
                        int col = c0 + s * 16, w = Math.Min(16, n - col);
                        var u = packed.AsSpan((int)((long)s * kb * 16), kb * 16);
                        if (h == RowsPerKernel && w == 16 && Vector512.IsHardwareAccelerated)
                            Kernel6x16(a, n, r, k0, kb, col, u);
                        else
                            KernelGeneric(a, n, r, h, k0, kb, col, w, u);
                    }
                }
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel6x16(double[] a, int n, int r, int k0, int kb, int col, ReadOnlySpan<double> u)
    {
        fixed (double* pa = a, pu = u)
        {
            double* l0 = pa + (long)r * n + k0, l1 = l0 + n, l2 = l1 + n, l3 = l2 + n, l4 = l3 + n, l5 = l4 + n;
            Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
                c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            double* up = pu;
            for (int p = 0; p < kb; p++, up += 16)
            {
                var u0 = Vector512.Load(up);
                var u1 = Vector512.Load(up + 8);
                var b = Vector512.Create(l0[p]); c00 = Vector512.FusedMultiplyAdd(b, u0, c00); c01 = Vector512.FusedMultiplyAdd(b, u1, c01);
                b = Vector512.Create(l1[p]); c10 = Vector512.FusedMultiplyAdd(b, u0, c10); c11 = Vector512.FusedMultiplyAdd(b, u1, c11);
                b = Vector512.Create(l2[p]); c20 = Vector512.FusedMultiplyAdd(b, u0, c20); c21 = Vector512.FusedMultiplyAdd(b, u1, c21);
                b = Vector512.Create(l3[p]); c30 = Vector512.FusedMultiplyAdd(b, u0, c30); c31 = Vector512.FusedMultiplyAdd(b, u1, c31);
                b = Vector512.Create(l4[p]); c40 = Vector512.FusedMultiplyAdd(b, u0, c40); c41 = Vector512.FusedMultiplyAdd(b, u1, c41);
                b = Vector512.Create(l5[p]); c50 = Vector512.FusedMultiplyAdd(b, u0, c50); c51 = Vector512.FusedMultiplyAdd(b, u1, c51);
            }
            double* d = pa + (long)r * n + col;
            Store(d, c00, c01); d += n;
            Store(d, c10, c11); d += n;
            Store(d, c20, c21); d += n;
            Store(d, c30, c31); d += n;
            Store(d, c40, c41); d += n;
            Store(d, c50, c51);
        }

        static void Store(double* d, Vector512<double> x0, Vector512<double> x1)
        {
            (Vector512.Load(d) - x0).Store(d);
            (Vector512.Load(d + 8) - x1).Store(d + 8);
        }
    }

    private static void KernelGeneric(double[] a, int n, int r, int h, int k0, int kb, int col, int w, ReadOnlySpan<double> u)
    {
        Span<double> acc = stackalloc double[16];
        for (int i = 0; i < h; i++)
        {
            acc.Clear();
            long lrow = (long)(r + i) * n + k0;
            for (int p = 0; p < kb; p++)
            {
                double l = a[lrow + p];
                var up = u.Slice(p * 16, 16);
                for (int c = 0; c < 16; c++) acc[c] += l * up[c];
            }
            long drow = (long)(r + i) * n + col;
            for (int c = 0; c < w; c++) a[drow + c] -= acc[c];
        }
    }
}
