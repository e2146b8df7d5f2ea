using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Science.Numerics.Fft;

/// <summary>
/// Pure managed <see cref="IRealFft2D"/>: batched split-format mixed-radix Stockham FFTs (see
/// <see cref="BatchedStockhamFft"/>) along both axes, vectorised over the batch with the widest available SIMD
/// (AVX-512, AVX, SSE/NEON or scalar). Any even <c>Nx</c> and even <c>Ny</c> are supported: radices 2, 3, 4, 5, 6, 8, 9,
/// 12 and 16 are specialised, other prime factors use a generic O(p²) butterfly and are slower. Single-threaded.
/// </summary>
/// <remarks>
/// <para>Forward: pairs of real rows <c>2r, 2r+1</c> are packed as one complex row <c>z = f_{2r} + i f_{2r+1}</c> and
/// transposed into an <c>[Nx, Ny/2]</c> array; one batched complex FFT of length Nx (batch Ny/2) transforms all pairs;
/// the two Hermitian half spectra are separated
/// (<c>X_a[m] = (Z[m] + conj Z[Nx−m])/2</c>, <c>X_b[m] = (Z[m] − conj Z[Nx−m])/(2i)</c>) into <c>[Ny, Nk]</c>, and a
/// batched complex FFT of length Ny (batch Nk) along the first axis finishes the transform, its last pass writing
/// straight into the caller's arrays. The inverse runs the same steps backwards (the inverse complex FFT is the
/// forward one with re/im swapped), dropping the imaginary parts of the k = 0 and k = Nx/2 bins when it re-assembles
/// the pairs after the y transform, as FFTW's and NumPy's c2r do.</para>
/// <para>The padded variants exploit the zeros: <see cref="InverseFromSmaller"/> transforms only the srcNk non-zero
/// columns along y, reading the caller's rows in place through a row table in which the padding rows point to a shared
/// zero row, and the x transform reads the padding columns from that zero row too; <see cref="ForwardToSmaller"/>
/// separates and transforms along y only the dstNk kept columns, and its last pass writes the kept rows straight into
/// the output (the dropped ones into a junk row).</para>
/// <para>All buffers, twiddles and row tables are allocated in the constructor (pinned, 64-byte aligned rows, so there
/// is nothing to free and <see cref="Dispose"/> is a no-op); the transforms do not allocate. Twiddles are computed one
/// by one with <see cref="Math.SinCos"/> after exact argument reduction (no recurrences), accurate to about one ulp.
/// Results are deterministic, and identical whatever SIMD width is used (the per-lane arithmetic, including fused
/// multiply-adds, is the same); machines without FMA get results that differ in the last bits.</para>
/// </remarks>
public sealed unsafe class ManagedRealFft2D : IRealFft2D
{
    private const int Align = 64;

    private readonly BatchedStockhamFft _xFft; // length Nx, batch Ny/2
    private readonly BatchedStockhamFft _yFft; // length Ny, batch ≤ Nk
    private readonly int _h;                   // Ny / 2
    private readonly int _hs;                  // row stride of the [Nx, Ny/2] pair arrays: Ny/2 rounded up to 8
    private readonly double _scale;            // 1 / (Nx·Ny)

    // Keep the pinned arrays referenced; the pointers below point into them.
    private readonly double[] _store;
    private readonly nint[] _tables;
    private readonly double* _p0r, _p0i, _p1r, _p1i, _p2r, _p2i, _zero, _junk;
    private readonly double** _yTabRe, _yTabIm, _xTabRe, _xTabIm;

    /// <summary>Plans the transforms of an <c>[ny, nx]</c> real grid; both sizes must be even and ≥ 2.</summary>
    /// <param name="ny">Rows of the real grid (y points).</param>
    /// <param name="nx">Columns of the real grid (x points).</param>
    /// <exception cref="ArgumentOutOfRangeException">If a size is odd or less than 2.</exception>
    public ManagedRealFft2D(int ny, int nx)
        : this(ny, nx, 0)
    {
    }

    /// <summary>As the public constructor, with the widest SIMD width limited to <paramref name="maxWidth"/> doubles
    /// (0: the hardware's widest); for tests of the narrower code paths and for benchmarks.</summary>
    internal ManagedRealFft2D(int ny, int nx, int maxWidth)
    {
        RealFft2D.ValidateSizes(ny, nx);
        Ny = ny;
        Nx = nx;
        Nk = nx / 2 + 1;
        _h = ny / 2;
        _hs = RowStride(_h);
        _scale = 1.0 / ((double)nx * ny);
        _xFft = new BatchedStockhamFft(nx, maxWidth);
        _yFft = new BatchedStockhamFft(ny, maxWidth);

        // Three complex work buffers (six parts), a zero row and a junk row, all 64-byte aligned.
        long cap = Math.Max((long)nx * _hs, (long)ny * RowStride(Nk));
        long rowLen = RowStride(Math.Max(_h, Nk));
        long total = 6 * cap + 2 * rowLen + Align / sizeof(double);
        if (total > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(nx), $"Grid {ny}×{nx} is too large for the managed FFT.");
        }

        _store = GC.AllocateArray<double>((int)total, pinned: true);
        double* b = (double*)Unsafe.AsPointer(ref _store[0]);
        b = (double*)(((nint)b + (Align - 1)) & ~(nint)(Align - 1));
        _p0r = b;
        _p0i = b + cap;
        _p1r = b + 2 * cap;
        _p1i = b + 3 * cap;
        _p2r = b + 4 * cap;
        _p2i = b + 5 * cap;
        _zero = b + 6 * cap;
        _junk = _zero + rowLen;

        _tables = GC.AllocateArray<nint>(2 * ny + 2 * nx, pinned: true);
        double** t = (double**)Unsafe.AsPointer(ref _tables[0]);
        _yTabRe = t;
        _yTabIm = t + ny;
        _xTabRe = t + 2 * ny;
        _xTabIm = t + 2 * ny + nx;
    }

    /// <summary>Row stride (doubles) of a work array with rows of <paramref name="n"/> values: a 64-byte multiple.</summary>
    private static int RowStride(int n) => (n + 7) & ~7;

    /// <inheritdoc />
    public int Ny { get; }

    /// <inheritdoc />
    public int Nx { get; }

    /// <inheritdoc />
    public int Nk { get; }

    /// <inheritdoc />
    public string Backend => "managed";

    /// <summary>Radices of the passes along x and along y (diagnostics).</summary>
    public string Plan => $"x: {string.Join("·", _xFft.Radices)}, y: {string.Join("·", _yFft.Radices)}";

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<double> real, Span<double> re, Span<double> im) =>
        ForwardToSmaller(real, re, im, Ny, Nk);

    /// <inheritdoc />
    public void Inverse(ReadOnlySpan<double> re, ReadOnlySpan<double> im, Span<double> real) =>
        InverseFromSmaller(re, im, Ny, Nk, real);

    /// <summary>2·Nx·⌈Ny/2⌉₈: the pair-transposed layout of the x transforms (see <see cref="InverseFromSmallerNative"/>).</summary>
    public int NativeLength => 2 * Nx * _hs;

    /// <inheritdoc />
    public void InverseFromSmaller(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int srcNy, int srcNk,
        Span<double> real)
    {
        CheckInverse(re, im, srcNy, srcNk, real, (long)Ny * Nx);
        fixed (double* sre = re, sim = im, dst = real)
        {
            (nint zr, nint zi) = InverseToPairs(sre, sim, srcNy, srcNk, default(StridedRows), false);
            TransposeOut((double*)zi, (double*)zr, dst);
        }
    }

    /// <summary>
    /// <see cref="IRealFft2D.InverseFromSmallerNative"/>: the native layout is the pair-transposed one the x
    /// transforms work in, <c>[2, Nx, S]</c> with S = Ny/2 rounded up to 8: slot <c>x·S + r</c> holds f[2r, x] and slot
    /// <c>Nx·S + x·S + r</c> holds f[2r+1, x] (columns r ≥ Ny/2 unused). It saves the transposes of the row-major grid.
    /// </summary>
    public void InverseFromSmallerNative(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int srcNy, int srcNk,
        Span<double> native)
    {
        CheckInverse(re, im, srcNy, srcNk, native, NativeLength);
        fixed (double* sre = re, sim = im, even = native)
        {
            // The inverse-by-swap leaves rows 2r in the imaginary part of the result: store the parts crosswise.
            double* odd = even + (nint)Nx * _hs;
            InverseToPairs(sre, sim, srcNy, srcNk, new StridedRows(odd, even, _hs), true);
        }
    }

    /// <inheritdoc />
    public void ForwardToSmaller(ReadOnlySpan<double> real, Span<double> re, Span<double> im, int dstNy, int dstNk)
    {
        CheckForward(real, (long)Ny * Nx, re, im, dstNy, dstNk);
        fixed (double* src = real, dre = re, dim = im)
        {
            // 1. Pack row pairs as complex rows, transposed to [Nx, Ny/2].
            TransposeIn(src);
            ForwardFromPairs(_p0r, _p0i, dre, dim, dstNy, dstNk);
        }
    }

    /// <summary><see cref="IRealFft2D.ForwardToSmallerNative"/> from the layout of <see cref="InverseFromSmallerNative"/>.</summary>
    public void ForwardToSmallerNative(ReadOnlySpan<double> native, Span<double> re, Span<double> im, int dstNy,
        int dstNk)
    {
        CheckForward(native, NativeLength, re, im, dstNy, dstNk);
        fixed (double* even = native, dre = re, dim = im)
        {
            ForwardFromPairs(even, even + (nint)Nx * _hs, dre, dim, dstNy, dstNk);
        }
    }

    /// <summary>
    /// <see cref="IRealFft2D.WeightedEddySpectrum"/> without grid space (<paramref name="scratch"/> is not used): the
    /// x transform of a grid row is the y-inverse-transformed spectrum's row over Ny (the k = Nx/2 bin real, as c2r
    /// takes it), so the columns k ≥ 1 are inverse-transformed along y, weighted row by row and transformed back; the
    /// zonal mean is the k = 0 column, which is set to zero.
    /// </summary>
    public void WeightedEddySpectrum(ReadOnlySpan<double> re, ReadOnlySpan<double> im, ReadOnlySpan<double> weight,
        Span<double> outRe, Span<double> outIm, Span<double> scratch)
    {
        long size = (long)Ny * Nk;
        RealFft2D.CheckLength(re, size, nameof(re));
        RealFft2D.CheckLength(im, size, nameof(im));
        RealFft2D.CheckLength(weight, Ny, nameof(weight));
        RealFft2D.CheckLength(outRe, size, nameof(outRe));
        RealFft2D.CheckLength(outIm, size, nameof(outIm));
        int batch = Nk - 1, ts = RowStride(batch);
        fixed (double* sre = re, sim = im, w = weight, dre = outRe, dim = outIm)
        {
            // Inverse along y of columns 1 … Nk − 1 (by swapping re and im, so the true result is (si, sr)).
            for (int l = 0; l < Ny; l++)
            {
                _yTabRe[l] = sim + (nint)l * Nk + 1;
                _yTabIm[l] = sre + (nint)l * Nk + 1;
            }

            (nint sr, nint si) = _yFft.Execute(new TableRows(_yTabRe, _yTabIm), default(StridedRows), false, batch,
                ts, _p1r, _p1i, _p2r, _p2i);
            WeightRows((double*)si, (double*)sr, w, batch, ts);
            _yFft.Execute(new StridedRows(_p0r, _p0i, ts), new StridedRows(dre + 1, dim + 1, Nk), true, batch, ts,
                _p1r, _p1i, _p2r, _p2i);
            for (int l = 0; l < Ny; l++)
            {
                dre[(nint)l * Nk] = 0;
                dim[(nint)l * Nk] = 0;
            }
        }
    }

    /// <summary>
    /// Buffer 0 ← row l of (tr, ti) times w[l]/Ny, the imaginary part of the last (k = Nx/2) column zero. Whole rows of
    /// the stride <paramref name="ts"/> (a multiple of 8) are weighted: the padding columns hold zeros.
    /// </summary>
    private void WeightRows(double* tr, double* ti, double* w, int batch, int ts)
    {
        double invNy = 1.0 / Ny;
        int width = Vector<double>.Count;
        for (int l = 0; l < Ny; l++)
        {
            nint o = (nint)l * ts;
            double c = w[l] * invNy;
            var vc = new Vector<double>(c);
            int i = 0;
            for (; i <= ts - width; i += width)
            {
                Vector.Store(vc * Vector.Load(tr + o + i), _p0r + o + i);
                Vector.Store(vc * Vector.Load(ti + o + i), _p0i + o + i);
            }

            for (; i < ts; i++)
            {
                _p0r[o + i] = c * tr[o + i];
                _p0i[o + i] = c * ti[o + i];
            }

            _p0i[o + batch - 1] = 0;
        }
    }

    private void CheckInverse(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int srcNy, int srcNk,
        ReadOnlySpan<double> real, long realLength)
    {
        RealFft2D.ValidateSmaller(Ny, Nk, srcNy, srcNk, nameof(srcNy), nameof(srcNk));
        RealFft2D.CheckLength(re, (long)srcNy * srcNk, nameof(re));
        RealFft2D.CheckLength(im, (long)srcNy * srcNk, nameof(im));
        RealFft2D.CheckLength(real, realLength, nameof(real));
    }

    private void CheckForward(ReadOnlySpan<double> real, long realLength, ReadOnlySpan<double> re,
        ReadOnlySpan<double> im, int dstNy, int dstNk)
    {
        RealFft2D.ValidateSmaller(Ny, Nk, dstNy, dstNk, nameof(dstNy), nameof(dstNk));
        RealFft2D.CheckLength(real, realLength, nameof(real));
        RealFft2D.CheckLength(re, (long)dstNy * dstNk, nameof(re));
        RealFft2D.CheckLength(im, (long)dstNy * dstNk, nameof(im));
    }

    /// <summary>
    /// Steps 1–3 of the inverse: the pairs Z <c>[Nx, Ny/2]</c> of the x-inverse-transformed rows, with re/im swapped
    /// (rows 2r in the returned imaginary part). The last x pass writes <paramref name="dst"/> if
    /// <paramref name="toDst"/>, else it stays in a scratch buffer, which is returned.
    /// </summary>
    private (nint Re, nint Im) InverseToPairs<TDst>(double* sre, double* sim, int srcNy, int srcNk, TDst dst,
        bool toDst)
        where TDst : unmanaged, IRows
    {
        // 1. Inverse complex FFT along y of the srcNk non-zero columns, reading the source rows in place through
        //    a row table (rows that the padding makes zero point to a shared zero row). Inverse = forward with
        //    re and im swapped, on input and on output.
        int half = srcNy / 2, ts = RowStride(srcNk);
        for (int l = 0; l < Ny; l++)
        {
            int srcRow = l < half ? l : l >= Ny - half ? l - (Ny - srcNy) : -1;
            _yTabRe[l] = srcRow < 0 ? _zero : sim + (nint)srcRow * srcNk;
            _yTabIm[l] = srcRow < 0 ? _zero : sre + (nint)srcRow * srcNk;
        }

        (nint sr, nint si) = _yFft.Execute(new TableRows(_yTabRe, _yTabIm), default(StridedRows), false, srcNk,
            ts, _p1r, _p1i, _p2r, _p2i);

        // The true transform T is (re, im) = (si, sr). 2. Re-assemble pairs of rows into complex rows of Z with
        //    Hermitian extension along x, scaled, transposed to [Nx, Ny/2], stored swapped for the inverse.
        PackInverse((double*)si, (double*)sr, srcNk, ts);
        for (int mx = 0; mx < Nx; mx++)
        {
            bool live = mx < srcNk || mx > Nx - srcNk;
            _xTabRe[mx] = live ? _p0r + (nint)mx * _hs : _zero;
            _xTabIm[mx] = live ? _p0i + (nint)mx * _hs : _zero;
        }

        // 3. Inverse complex FFT along x (batch Ny/2), columns zero-padded via the table.
        return _xFft.Execute(new TableRows(_xTabRe, _xTabIm), dst, toDst, _h, _hs, _p1r, _p1i, _p2r, _p2i);
    }

    /// <summary>
    /// Steps 2–4 of the forward transform from the row pairs Z <c>[Nx, Ny/2]</c> (rows 2r in
    /// <paramref name="zr"/>, rows 2r+1 in <paramref name="zi"/>, row stride Ny/2 rounded up to 8).
    /// </summary>
    private void ForwardFromPairs(double* zr, double* zi, double* dre, double* dim, int dstNy, int dstNk)
    {
        // 2. Batched FFT along x.
        (nint xr, nint xi) = _xFft.Execute(new StridedRows(zr, zi, _hs), default(StridedRows), false, _h,
            _hs, _p1r, _p1i, _p2r, _p2i);

        // 3. Separate the pairs' half spectra, keeping only columns < dstNk, into [Ny, dstNk] in buffer 0.
        int ss = RowStride(dstNk);
        UnpackForward((double*)xr, (double*)xi, dstNk, ss);

        // 4. Batched FFT along y, its last pass writing straight into the output: all rows, or through a row
        //    table that sends the rows dropped by the truncation to a junk row.
        var src0 = new StridedRows(_p0r, _p0i, ss);
        if (dstNy == Ny)
        {
            _yFft.Execute(src0, new StridedRows(dre, dim, dstNk), true, dstNk, ss, _p1r, _p1i, _p2r, _p2i);
        }
        else
        {
            int half = dstNy / 2;
            for (int l = 0; l < Ny; l++)
            {
                int dstRow = l < half ? l : l >= Ny - half ? l - (Ny - dstNy) : -1;
                _yTabRe[l] = dstRow < 0 ? _junk : dre + (nint)dstRow * dstNk;
                _yTabIm[l] = dstRow < 0 ? _junk : dim + (nint)dstRow * dstNk;
            }

            _yFft.Execute(src0, new TableRows(_yTabRe, _yTabIm), true, dstNk, ss, _p1r, _p1i, _p2r, _p2i);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Layout changes between the row-major grid / spectrum and the pair-transposed [Nx, Ny/2] arrays. The AVX paths
    // work on 4×4 blocks read transposed straight from memory (LoadT4: 128-bit loads inserted into 256-bit halves,
    // then unpacks: half the shuffle-port work of an in-register transpose). Edges are handled by overlapping the last
    // block, harmless because input and output are distinct. Scalar fallbacks cover small sizes and other hardware.
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The 4×4 block whose rows start at <paramref name="p0"/> … <paramref name="p3"/>, transposed:
    /// <c>c_j = (p0[j], p1[j], p2[j], p3[j])</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadT4(double* p0, double* p1, double* p2, double* p3, out Vector256<double> c0,
        out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3)
    {
        Vector256<double> t0 = Vector256.Create(Vector128.Load(p0), Vector128.Load(p2));         // a0 a1 | c0 c1
        Vector256<double> t1 = Vector256.Create(Vector128.Load(p1), Vector128.Load(p3));         // b0 b1 | d0 d1
        Vector256<double> t2 = Vector256.Create(Vector128.Load(p0 + 2), Vector128.Load(p2 + 2)); // a2 a3 | c2 c3
        Vector256<double> t3 = Vector256.Create(Vector128.Load(p1 + 2), Vector128.Load(p3 + 2)); // b2 b3 | d2 d3
        c0 = Avx.UnpackLow(t0, t1);
        c1 = Avx.UnpackHigh(t0, t1);
        c2 = Avx.UnpackLow(t2, t3);
        c3 = Avx.UnpackHigh(t2, t3);
    }

    /// <summary>
    /// Block starts 0, 4, 8, … covering [0, n) (n ≥ 4) with the last block moved back to n − 4, and optionally a first
    /// block at 0 followed by blocks from <paramref name="first"/> on (so the stores of the inner blocks are aligned).
    /// Returns the next start after <paramref name="b"/>, or −1 when done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextBlock(int b, int n, int first)
    {
        if (b >= n - 4)
        {
            return -1;
        }

        int next = b < first ? first : b + 4;
        return next > n - 4 ? n - 4 : next;
    }

    /// <summary>dst[c·dstStride + r] = src[r·srcStride + c] for r &lt; rows, c &lt; cols.</summary>
    private static void Transpose(double* src, nint srcStride, double* dst, nint dstStride, int rows, int cols)
    {
        if (!Avx.IsSupported || rows < 4 || cols < 4)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                {
                    dst[c * dstStride + r] = src[r * srcStride + c];
                }
            }

            return;
        }

        // Align the 32-byte stores: every destination row has the same alignment when dstStride is a multiple of 4.
        int first = dstStride % 4 == 0 ? (int)((4 - (((nint)dst >> 3) & 3)) & 3) : 0;
        for (int r0 = 0; r0 >= 0; r0 = NextBlock(r0, rows, first))
        {
            double* s = src + r0 * srcStride;
            for (int c0 = 0; c0 >= 0; c0 = NextBlock(c0, cols, 0))
            {
                double* p = s + c0;
                LoadT4(p, p + srcStride, p + 2 * srcStride, p + 3 * srcStride, out var a, out var b, out var c,
                    out var d);
                double* o = dst + c0 * dstStride + r0;
                a.Store(o);
                b.Store(o + dstStride);
                c.Store(o + 2 * dstStride);
                d.Store(o + 3 * dstStride);
            }
        }
    }

    /// <summary>Z[i, r] = f[2r, i] + i f[2r+1, i] into buffer 0, <c>[Nx, Ny/2]</c> (row stride Ny/2 rounded up to 8).</summary>
    internal void TransposeIn(double* src)
    {
        Transpose(src, 2 * Nx, _p0r, _hs, _h, Nx);
        Transpose(src + Nx, 2 * Nx, _p0i, _hs, _h, Nx);
    }

    /// <summary>f[2r, i] = Re z[i, r], f[2r+1, i] = Im z[i, r] from the x-inverse-transformed pairs.</summary>
    internal void TransposeOut(double* zr, double* zi, double* dst)
    {
        Transpose(zr, _hs, dst, 2 * Nx, Nx, _h);
        Transpose(zi, _hs, dst + Nx, 2 * Nx, Nx, _h);
    }

    /// <summary>
    /// From the x-transformed pairs Z <c>[Nx, Ny/2]</c>, the half spectra of rows 2r and 2r+1 for columns &lt; k into
    /// buffer 0 as <c>[Ny, k]</c> with row stride <paramref name="ss"/>:
    /// X_{2r}[m] = (Z[m] + conj Z[Nx−m])/2, X_{2r+1}[m] = (Z[m] − conj Z[Nx−m])/(2i).
    /// </summary>
    internal void UnpackForward(double* zr, double* zi, int k, int ss)
    {
        int nx = Nx, h = _h, hs = _hs;
        double* sr = _p0r, si = _p0i;
        if (!Avx.IsSupported || h < 4 || k < 4)
        {
            for (int m = 0; m < k; m++)
            {
                int mm = m == 0 ? 0 : nx - m;
                double* ar = zr + (nint)m * hs, ai = zi + (nint)m * hs, br = zr + (nint)mm * hs, bi = zi + (nint)mm * hs;
                for (int r = 0; r < h; r++)
                {
                    double xar = ar[r], xai = ai[r], xbr = br[r], xbi = bi[r];
                    nint o = (nint)(2 * r) * ss + m;
                    sr[o] = 0.5 * (xar + xbr);
                    si[o] = 0.5 * (xai - xbi);
                    sr[o + ss] = 0.5 * (xai + xbi);
                    si[o + ss] = 0.5 * (xbr - xar);
                }
            }

            return;
        }

        // Pairs outer, columns inner: the output rows stream along m, and the Z rows' 32-byte pieces read at one
        // r0 (2·Nx lines) stay in L1 until the next r0 reads the rest of each line.
        Vector256<double> half = Vector256.Create(0.5);
        for (int r0 = 0; r0 >= 0; r0 = NextBlock(r0, h, 0))
        {
            double* zr0 = zr + r0, zi0 = zi + r0;
            double* pr = sr + (nint)(2 * r0) * ss, pi = si + (nint)(2 * r0) * ss;
            for (int m0 = 0; m0 >= 0; m0 = NextBlock(m0, k, 0))
            {
                // Rows m0 … m0+3 of Z and their mirrors Nx − m (row 0 mirrors itself).
                nint o0 = (nint)m0 * hs, o1 = o0 + hs, o2 = o1 + hs, o3 = o2 + hs;
                nint q0 = (nint)(m0 == 0 ? 0 : nx - m0) * hs, q1 = (nint)(nx - m0 - 1) * hs;
                nint q2 = q1 - hs, q3 = q2 - hs;

                // Vectors over m (one per r) of Z[m] and Z[Nx − m].
                LoadT4(zr0 + o0, zr0 + o1, zr0 + o2, zr0 + o3, out var ar0, out var ar1, out var ar2, out var ar3);
                LoadT4(zi0 + o0, zi0 + o1, zi0 + o2, zi0 + o3, out var ai0, out var ai1, out var ai2, out var ai3);
                LoadT4(zr0 + q0, zr0 + q1, zr0 + q2, zr0 + q3, out var br0, out var br1, out var br2, out var br3);
                LoadT4(zi0 + q0, zi0 + q1, zi0 + q2, zi0 + q3, out var bi0, out var bi1, out var bi2, out var bi3);
                nint o = m0;
                Unpack1(pr + o, pi + o, ss, half, ar0, ai0, br0, bi0);
                o += 2 * ss;
                Unpack1(pr + o, pi + o, ss, half, ar1, ai1, br1, bi1);
                o += 2 * ss;
                Unpack1(pr + o, pi + o, ss, half, ar2, ai2, br2, bi2);
                o += 2 * ss;
                Unpack1(pr + o, pi + o, ss, half, ar3, ai3, br3, bi3);
            }
        }
    }

    /// <summary>X_a, X_b at 4 consecutive m of one pair r from Z[m] = (ar, ai), Z[Nx − m] = (br, bi).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Unpack1(double* pr, double* pi, int ss, Vector256<double> half, Vector256<double> ar,
        Vector256<double> ai, Vector256<double> br, Vector256<double> bi)
    {
        (half * (ar + br)).Store(pr);
        (half * (ai - bi)).Store(pi);
        (half * (ai + bi)).Store(pr + ss);
        (half * (br - ar)).Store(pi + ss);
    }

    /// <summary>
    /// From the y-inverse-transformed half spectra T <c>[Ny, k]</c> (true re/im, row stride <paramref name="ts"/>),
    /// the complex rows Z[m] = T_{2r}[m] + i T_{2r+1}[m] with Hermitian extension
    /// Z[Nx−m] = conj T_{2r}[m] + i conj T_{2r+1}[m], imaginary parts of the m = 0 and m = Nx/2 bins dropped, scaled
    /// by 1/(Nx·Ny), into buffer 0 as <c>[Nx, Ny/2]</c> with re/im swapped (ready for the inverse-by-swap).
    /// Rows k … Nx−k are not written.
    /// </summary>
    internal void PackInverse(double* tr, double* ti, int k, int ts)
    {
        int nx = Nx, h = _h, hs = _hs, nyq = nx / 2;
        double s = _scale;
        double* zr = _p0i, zi = _p0r; // swapped

        // The self-conjugate bins m = 0 and m = Nx/2: real parts only.
        for (int m = 0; m < k; m += nyq)
        {
            double* pr = zr + (nint)m * hs, pi = zi + (nint)m * hs;
            for (int r = 0; r < h; r++)
            {
                nint o = (nint)(2 * r) * ts + m;
                pr[r] = s * tr[o];
                pi[r] = s * tr[o + ts];
            }
        }

        int mEnd = Math.Min(k, nyq); // general bins are 1 … mEnd − 1
        if (!Avx.IsSupported || h < 4 || mEnd - 1 < 4)
        {
            for (int m = 1; m < mEnd; m++)
            {
                double* pr = zr + (nint)m * hs, pi = zi + (nint)m * hs;
                double* qr = zr + (nint)(nx - m) * hs, qi = zi + (nint)(nx - m) * hs;
                for (int r = 0; r < h; r++)
                {
                    nint o = (nint)(2 * r) * ts + m;
                    double ar = tr[o], ai = ti[o], br = tr[o + ts], bi = ti[o + ts];
                    pr[r] = s * (ar - bi);
                    pi[r] = s * (ai + br);
                    qr[r] = s * (ar + bi);
                    qi[r] = s * (br - ai);
                }
            }

            return;
        }

        Vector256<double> vs = Vector256.Create(s);
        nint t2 = 2 * (nint)ts;
        for (int r0 = 0; r0 >= 0; r0 = NextBlock(r0, h, 0))
        {
            nint ra = (nint)(2 * r0) * ts; // row 2r0; rows 2r are t2 apart, rows 2r+1 follow at + ts
            for (int j0 = 0; j0 >= 0; j0 = NextBlock(j0, mEnd - 1, 0))
            {
                int m0 = j0 + 1;
                nint o = ra + m0;
                // Vectors over r (one per m) of T_{2r}[m] = (ar, ai) and T_{2r+1}[m] = (br, bi).
                LoadT4(tr + o, tr + o + t2, tr + o + 2 * t2, tr + o + 3 * t2, out var ar0, out var ar1, out var ar2,
                    out var ar3);
                LoadT4(ti + o, ti + o + t2, ti + o + 2 * t2, ti + o + 3 * t2, out var ai0, out var ai1, out var ai2,
                    out var ai3);
                o += ts;
                LoadT4(tr + o, tr + o + t2, tr + o + 2 * t2, tr + o + 3 * t2, out var br0, out var br1, out var br2,
                    out var br3);
                LoadT4(ti + o, ti + o + t2, ti + o + 2 * t2, ti + o + 3 * t2, out var bi0, out var bi1, out var bi2,
                    out var bi3);
                Pack1(zr, zi, nx, hs, r0, m0, vs, ar0, ai0, br0, bi0);
                Pack1(zr, zi, nx, hs, r0, m0 + 1, vs, ar1, ai1, br1, bi1);
                Pack1(zr, zi, nx, hs, r0, m0 + 2, vs, ar2, ai2, br2, bi2);
                Pack1(zr, zi, nx, hs, r0, m0 + 3, vs, ar3, ai3, br3, bi3);
            }
        }
    }

    /// <summary>Z[m] and Z[Nx − m] for rows r0 … r0+3 from X_a = (ar, ai), X_b = (br, bi) (vectors over r).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pack1(double* zr, double* zi, int nx, int hs, int r0, int m, Vector256<double> s,
        Vector256<double> ar, Vector256<double> ai, Vector256<double> br, Vector256<double> bi)
    {
        nint p = (nint)m * hs + r0, q = (nint)(nx - m) * hs + r0;
        (s * (ar - bi)).Store(zr + p);
        (s * (ai + br)).Store(zi + p);
        (s * (ar + bi)).Store(zr + q);
        (s * (br - ai)).Store(zi + q);
    }

    /// <summary>Nothing to release (all buffers are managed and pinned); present for the interface.</summary>
    public void Dispose()
    {
    }
}
