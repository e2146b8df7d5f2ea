using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Science.QgModel.Spectral;

/// <summary>
/// Pure managed <see cref="IRealFft2D"/>: batched split-format mixed-radix Stockham FFTs (see
/// <see cref="BatchedStockhamFft"/>) along both axes, vectorised over the batch with the widest available SIMD.
/// Any even <c>Nx</c> and even <c>Ny</c> are supported (radices 8, 4, 2, 3, 5 are specialised; other prime factors
/// use a generic O(p²) butterfly and are slower).
/// </summary>
/// <remarks>
/// <para>Forward: pairs of real rows <c>2r, 2r+1</c> are packed as one complex row <c>z = f_{2r} + i f_{2r+1}</c> and
/// transposed into an <c>[Nx, Ny/2]</c> array; one batched complex FFT of length Nx (batch Ny/2) transforms all pairs;
/// the two Hermitian half spectra are separated
/// (<c>X_a[m] = (Z[m] + conj Z[Nx−m])/2</c>, <c>X_b[m] = (Z[m] − conj Z[Nx−m])/(2i)</c>) into <c>[Ny, Nk]</c>, and a
/// batched complex FFT of length Ny (batch Nk) along the first axis finishes the transform. The inverse runs the
/// same steps backwards (the inverse complex FFT is the forward one with re/im swapped), dropping the imaginary parts
/// of the k = 0 and k = Nx/2 bins when it re-assembles the pairs, as FFTW and NumPy's c2r do.</para>
/// <para>All buffers, twiddles and row tables are allocated in the constructor (on the pinned object heap, so there is
/// nothing to free and <see cref="Dispose"/> is a no-op); the transforms do not allocate. Twiddles are computed one by
/// one with <see cref="Math.SinCos"/> after exact argument reduction, so they are accurate to about one ulp.
/// Results are bitwise reproducible for a given machine (same SIMD width) and size; they may differ in the last bits
/// between machines with different vector widths or FMA support.</para>
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

    /// <inheritdoc />
    public void InverseFromSmaller(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int srcNy, int srcNk,
        Span<double> real)
    {
        RealFft2D.ValidateSmaller(Ny, Nk, srcNy, srcNk, nameof(srcNy), nameof(srcNk));
        RealFft2D.CheckLength(re, (long)srcNy * srcNk, nameof(re));
        RealFft2D.CheckLength(im, (long)srcNy * srcNk, nameof(im));
        RealFft2D.CheckLength(real, (long)Ny * Nx, nameof(real));
        fixed (double* sre = re, sim = im, dst = real)
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

            // 3. Inverse complex FFT along x (batch Ny/2), columns zero-padded via the table; 4. unpack to rows.
            (nint zr, nint zi) = _xFft.Execute(new TableRows(_xTabRe, _xTabIm), default(StridedRows), false, _h,
                _hs, _p1r, _p1i, _p2r, _p2i);
            TransposeOut((double*)zi, (double*)zr, dst);
        }
    }

    /// <inheritdoc />
    public void ForwardToSmaller(ReadOnlySpan<double> real, Span<double> re, Span<double> im, int dstNy, int dstNk)
    {
        RealFft2D.ValidateSmaller(Ny, Nk, dstNy, dstNk, nameof(dstNy), nameof(dstNk));
        RealFft2D.CheckLength(real, (long)Ny * Nx, nameof(real));
        RealFft2D.CheckLength(re, (long)dstNy * dstNk, nameof(re));
        RealFft2D.CheckLength(im, (long)dstNy * dstNk, nameof(im));
        fixed (double* src = real, dre = re, dim = im)
        {
            // 1. Pack row pairs as complex rows, transposed to [Nx, Ny/2]; 2. batched FFT along x.
            TransposeIn(src);
            (nint zr, nint zi) = _xFft.Execute(new StridedRows(_p0r, _p0i, _hs), default(StridedRows), false, _h,
                _hs, _p1r, _p1i, _p2r, _p2i);

            // 3. Separate the pairs' half spectra, keeping only columns < dstNk, into [Ny, dstNk] in buffer 0.
            int ss = RowStride(dstNk);
            UnpackForward((double*)zr, (double*)zi, dstNk, ss);

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
    }

    // ---------------------------------------------------------------------------------------------------------
    // Layout changes between the row-major grid / spectrum and the pair-transposed [Nx, Ny/2] arrays. Each has an
    // AVX path built from 4×4 register transposes (edges handled by overlapping the last block, which is harmless
    // because input and output are distinct) and a scalar fallback for small sizes or other hardware.
    // ---------------------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4(ref Vector256<double> a, ref Vector256<double> b, ref Vector256<double> c,
        ref Vector256<double> d)
    {
        Vector256<double> t0 = Avx.UnpackLow(a, b), t1 = Avx.UnpackHigh(a, b);
        Vector256<double> t2 = Avx.UnpackLow(c, d), t3 = Avx.UnpackHigh(c, d);
        a = Avx.Permute2x128(t0, t2, 0x20);
        b = Avx.Permute2x128(t1, t3, 0x20);
        c = Avx.Permute2x128(t0, t2, 0x31);
        d = Avx.Permute2x128(t1, t3, 0x31);
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

        for (int r0 = 0; ; r0 += 4)
        {
            if (r0 > rows - 4)
            {
                r0 = rows - 4;
            }

            double* s = src + r0 * srcStride;
            for (int c0 = 0; ; c0 += 4)
            {
                if (c0 > cols - 4)
                {
                    c0 = cols - 4;
                }

                Vector256<double> a = Vector256.Load(s + c0), b = Vector256.Load(s + srcStride + c0);
                Vector256<double> c = Vector256.Load(s + 2 * srcStride + c0), d = Vector256.Load(s + 3 * srcStride + c0);
                Transpose4(ref a, ref b, ref c, ref d);
                double* o = dst + c0 * dstStride + r0;
                a.Store(o);
                b.Store(o + dstStride);
                c.Store(o + 2 * dstStride);
                d.Store(o + 3 * dstStride);
                if (c0 == cols - 4)
                {
                    break;
                }
            }

            if (r0 == rows - 4)
            {
                break;
            }
        }
    }

    /// <summary>Z[i, r] = f[2r, i] + i f[2r+1, i] into buffer 0, <c>[Nx, Ny/2]</c>.</summary>
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
    /// From the x-transformed pairs Z <c>[Nx, Ny/2]</c>, the half spectra of rows 2r and 2r+1 for columns &lt; k
    /// into buffer 0 as <c>[Ny, k]</c>: X_{2r}[m] = (Z[m] + conj Z[Nx−m])/2, X_{2r+1}[m] = (Z[m] − conj Z[Nx−m])/(2i).
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

        Vector256<double> half = Vector256.Create(0.5);
        for (int r0 = 0; ; r0 += 4)
        {
            if (r0 > h - 4)
            {
                r0 = h - 4;
            }

            for (int m0 = 0; ; m0 += 4)
            {
                if (m0 > k - 4)
                {
                    m0 = k - 4;
                }

                // Vectors over r (4 rows of Z at columns m0 … m0+3), one set per m.
                Unpack1(zr, zi, nx, hs, r0, m0, half, out var ar0, out var ai0, out var br0, out var bi0);
                Unpack1(zr, zi, nx, hs, r0, m0 + 1, half, out var ar1, out var ai1, out var br1, out var bi1);
                Unpack1(zr, zi, nx, hs, r0, m0 + 2, half, out var ar2, out var ai2, out var br2, out var bi2);
                Unpack1(zr, zi, nx, hs, r0, m0 + 3, half, out var ar3, out var ai3, out var br3, out var bi3);
                Transpose4(ref ar0, ref ar1, ref ar2, ref ar3);
                Transpose4(ref ai0, ref ai1, ref ai2, ref ai3);
                Transpose4(ref br0, ref br1, ref br2, ref br3);
                Transpose4(ref bi0, ref bi1, ref bi2, ref bi3);
                nint o = (nint)(2 * r0) * ss + m0, k2 = 2 * ss;
                ar0.Store(sr + o);
                ai0.Store(si + o);
                br0.Store(sr + o + ss);
                bi0.Store(si + o + ss);
                o += k2;
                ar1.Store(sr + o);
                ai1.Store(si + o);
                br1.Store(sr + o + ss);
                bi1.Store(si + o + ss);
                o += k2;
                ar2.Store(sr + o);
                ai2.Store(si + o);
                br2.Store(sr + o + ss);
                bi2.Store(si + o + ss);
                o += k2;
                ar3.Store(sr + o);
                ai3.Store(si + o);
                br3.Store(sr + o + ss);
                bi3.Store(si + o + ss);
                if (m0 == k - 4)
                {
                    break;
                }
            }

            if (r0 == h - 4)
            {
                break;
            }
        }
    }

    /// <summary>For rows r0 … r0+3 and column m: X_a (re, im) and X_b (re, im) as vectors over r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Unpack1(double* zr, double* zi, int nx, int hs, int r0, int m, Vector256<double> half,
        out Vector256<double> xar, out Vector256<double> xai, out Vector256<double> xbr, out Vector256<double> xbi)
    {
        int mm = m == 0 ? 0 : nx - m;
        Vector256<double> ar = Vector256.Load(zr + (nint)m * hs + r0), ai = Vector256.Load(zi + (nint)m * hs + r0);
        Vector256<double> br = Vector256.Load(zr + (nint)mm * hs + r0), bi = Vector256.Load(zi + (nint)mm * hs + r0);
        xar = half * (ar + br);
        xai = half * (ai - bi);
        xbr = half * (ai + bi);
        xbi = half * (br - ar);
    }

    /// <summary>
    /// From the y-inverse-transformed half spectra T <c>[Ny, k]</c> (true re/im), the complex rows
    /// Z[m] = T_{2r}[m] + i T_{2r+1}[m] with Hermitian extension Z[Nx−m] = conj T_{2r}[m] + i conj T_{2r+1}[m],
    /// imaginary parts of the m = 0 and m = Nx/2 bins dropped, scaled by 1/(Nx·Ny), into buffer 0 as
    /// <c>[Nx, Ny/2]</c> with re/im swapped (ready for the inverse-by-swap). Rows k … Nx−k are not written.
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
        for (int r0 = 0; ; r0 += 4)
        {
            if (r0 > h - 4)
            {
                r0 = h - 4;
            }

            for (int m0 = 1; ; m0 += 4)
            {
                if (m0 > mEnd - 4)
                {
                    m0 = mEnd - 4;
                }

                // Rows 2r, 2r+1 for r = r0 … r0+3 at columns m0 … m0+3, transposed to vectors over r.
                nint o = (nint)(2 * r0) * ts + m0, k2 = 2 * ts;
                Vector256<double> ar0 = Vector256.Load(tr + o), ai0 = Vector256.Load(ti + o);
                Vector256<double> br0 = Vector256.Load(tr + o + ts), bi0 = Vector256.Load(ti + o + ts);
                o += k2;
                Vector256<double> ar1 = Vector256.Load(tr + o), ai1 = Vector256.Load(ti + o);
                Vector256<double> br1 = Vector256.Load(tr + o + ts), bi1 = Vector256.Load(ti + o + ts);
                o += k2;
                Vector256<double> ar2 = Vector256.Load(tr + o), ai2 = Vector256.Load(ti + o);
                Vector256<double> br2 = Vector256.Load(tr + o + ts), bi2 = Vector256.Load(ti + o + ts);
                o += k2;
                Vector256<double> ar3 = Vector256.Load(tr + o), ai3 = Vector256.Load(ti + o);
                Vector256<double> br3 = Vector256.Load(tr + o + ts), bi3 = Vector256.Load(ti + o + ts);
                Transpose4(ref ar0, ref ar1, ref ar2, ref ar3);
                Transpose4(ref ai0, ref ai1, ref ai2, ref ai3);
                Transpose4(ref br0, ref br1, ref br2, ref br3);
                Transpose4(ref bi0, ref bi1, ref bi2, ref bi3);
                Pack1(zr, zi, nx, hs, r0, m0, vs, ar0, ai0, br0, bi0);
                Pack1(zr, zi, nx, hs, r0, m0 + 1, vs, ar1, ai1, br1, bi1);
                Pack1(zr, zi, nx, hs, r0, m0 + 2, vs, ar2, ai2, br2, bi2);
                Pack1(zr, zi, nx, hs, r0, m0 + 3, vs, ar3, ai3, br3, bi3);
                if (m0 == mEnd - 4)
                {
                    break;
                }
            }

            if (r0 == h - 4)
            {
                break;
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
