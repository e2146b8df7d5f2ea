using System.Numerics;

namespace Science.Numerics.Fft;

/// <summary>
/// <see cref="IRealFft2D"/> on the native FFTW 3 library (double precision, libfftw3.so.3 from the Debian package
/// libfftw3-double3), through its guru split-array r2c/c2r interface so the half spectrum comes out directly in the
/// split <c>[Ny, Nk]</c> layout.
/// </summary>
/// <remarks>
/// <para>The library is bound at run time (<see cref="IsAvailable"/>); nothing references it at build time, and the
/// managed backend is used where it is missing (<see cref="RealFft2D.Create"/>).</para>
/// <para>Plans are made once, in the constructor, on one <c>fftw_malloc</c> block (real grid, then re, then im, each
/// 64-byte aligned) that every call copies into and out of, so the plan always runs on the arrays, alignment and
/// address order it was made for. The default <c>FFTW_ESTIMATE</c> planner picks the algorithm by fixed heuristics
/// from the problem alone, never by timing, so the same sizes give the same plan — and bitwise identical results —
/// in every instance and every process on a given machine and library build. <c>FFTW_MEASURE</c> (constructor flag)
/// times candidate plans, so different runs may pick different plans whose results differ in the last bits. (FFTW's
/// split-array plans also depend on whether the re array lies below the im array in memory: with separately allocated
/// arrays two instances could differ in the last bits, hence the single block in a fixed order.)</para>
/// <para>The c2r transform overwrites its input, which is why <see cref="Inverse"/> copies the spectrum into the
/// plan's buffer first; like FFTW's and NumPy's c2r it ignores the imaginary parts of the k = 0 and k = Nx/2 bins
/// after the y transform. FFTW's planner is not thread-safe: plan creation and destruction take a process-wide lock;
/// executing distinct plans concurrently is safe, but one instance still serves one thread.</para>
/// <para>The padded variants copy into a zeroed spectrum (or out of the full one) and run the full-size plans.</para>
/// </remarks>
public sealed unsafe class FftwRealFft2D : IRealFft2D
{
    internal const string NotAvailableMessage =
        "The FFTW backend needs the native double-precision FFTW 3 library (libfftw3.so.3), which was not found. "
        + "Install it (Debian/Ubuntu: apt-get install libfftw3-double3) or use FftBackendKind.Managed or Auto.";

    private readonly void* _block;  // the one fftw_malloc block holding the three arrays below
    private readonly double* _real; // [Ny, Nx]
    private readonly double* _re;   // [Ny, Nk]
    private readonly double* _im;   // [Ny, Nk]
    private nint _r2c, _c2r;
    private readonly double _scale;
    private bool _disposed;

    /// <summary>Whether libfftw3 (double precision) could be loaded on this machine.</summary>
    public static bool IsAvailable => FftwNative.Available;

    /// <summary>Plans the transforms of an <c>[ny, nx]</c> real grid; both sizes must be even and ≥ 2.</summary>
    /// <param name="ny">Rows of the real grid.</param>
    /// <param name="nx">Columns of the real grid.</param>
    /// <param name="measure">Plan with FFTW_MEASURE (slower planning, possibly faster execution, not reproducible
    /// across processes) instead of the default FFTW_ESTIMATE.</param>
    /// <exception cref="ArgumentOutOfRangeException">If a size is odd or less than 2.</exception>
    /// <exception cref="InvalidOperationException">If libfftw3 is not installed, or the planner fails.</exception>
    public FftwRealFft2D(int ny, int nx, bool measure = false)
    {
        RealFft2D.ValidateSizes(ny, nx);
        if (!FftwNative.Available)
        {
            throw new InvalidOperationException(NotAvailableMessage);
        }

        Ny = ny;
        Nx = nx;
        Nk = nx / 2 + 1;
        _scale = 1.0 / ((double)nx * ny);
        uint flags = measure ? FftwNative.Measure : FftwNative.Estimate;
        int nk = Nk;

        // One block, 64-byte aligned parts, always in the order real < re < im: FFTW's plans (and so the last bits
        // of the results) depend not only on alignment but on the relative order of the split arrays' addresses.
        long realLen = ((long)ny * nx + 7) & ~7L, specLen = ((long)ny * nk + 7) & ~7L;
        _block = FftwNative.Malloc((nuint)((realLen + 2 * specLen + 8) * sizeof(double)));
        if (_block == null)
        {
            Dispose();
            throw new OutOfMemoryException($"fftw_malloc failed for a {ny}×{nx} grid.");
        }

        _real = (double*)(((nint)_block + 63) & ~(nint)63);
        _re = _real + realLen;
        _im = _re + specLen;

        FftwNative.IoDim* fwd = stackalloc FftwNative.IoDim[2];
        fwd[0] = new FftwNative.IoDim { N = ny, Is = nx, Os = nk };
        fwd[1] = new FftwNative.IoDim { N = nx, Is = 1, Os = 1 };
        FftwNative.IoDim* inv = stackalloc FftwNative.IoDim[2];
        inv[0] = new FftwNative.IoDim { N = ny, Is = nk, Os = nx };
        inv[1] = new FftwNative.IoDim { N = nx, Is = 1, Os = 1 };
        lock (FftwNative.PlannerLock)
        {
            _r2c = FftwNative.PlanGuruSplitR2C(2, fwd, 0, null, _real, _re, _im, flags);
            _c2r = FftwNative.PlanGuruSplitC2R(2, inv, 0, null, _re, _im, _real, flags);
        }

        if (_r2c == 0 || _c2r == 0)
        {
            Dispose();
            throw new InvalidOperationException($"FFTW could not plan a {ny}×{nx} real transform.");
        }
    }

    /// <summary>Frees the plans and buffers if <see cref="Dispose"/> was not called.</summary>
    ~FftwRealFft2D() => Release();

    /// <inheritdoc />
    public int Ny { get; }

    /// <inheritdoc />
    public int Nx { get; }

    /// <inheritdoc />
    public int Nk { get; }

    /// <inheritdoc />
    public string Backend => "fftw";

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
        ObjectDisposedException.ThrowIf(_disposed, this);
        RealFft2D.ValidateSmaller(Ny, Nk, srcNy, srcNk, nameof(srcNy), nameof(srcNk));
        RealFft2D.CheckLength(re, (long)srcNy * srcNk, nameof(re));
        RealFft2D.CheckLength(im, (long)srcNy * srcNk, nameof(im));
        RealFft2D.CheckLength(real, (long)Ny * Nx, nameof(real));
        int ny = Ny, nk = Nk;
        var bre = new Span<double>(_re, ny * nk);
        var bim = new Span<double>(_im, ny * nk);
        if (srcNy == ny && srcNk == nk)
        {
            re[..(ny * nk)].CopyTo(bre);
            im[..(ny * nk)].CopyTo(bim);
        }
        else
        {
            // c2r destroyed the previous contents, so the zeros must be rewritten on every call.
            bre.Clear();
            bim.Clear();
            int half = srcNy / 2;
            for (int l = 0; l < srcNy; l++)
            {
                int dstRow = l < half ? l : l + (ny - srcNy);
                re.Slice(l * srcNk, srcNk).CopyTo(bre.Slice(dstRow * nk, srcNk));
                im.Slice(l * srcNk, srcNk).CopyTo(bim.Slice(dstRow * nk, srcNk));
            }
        }

        FftwNative.Execute(_c2r);
        Scale(new ReadOnlySpan<double>(_real, ny * Nx), _scale, real);
    }

    /// <inheritdoc />
    public void ForwardToSmaller(ReadOnlySpan<double> real, Span<double> re, Span<double> im, int dstNy, int dstNk)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RealFft2D.ValidateSmaller(Ny, Nk, dstNy, dstNk, nameof(dstNy), nameof(dstNk));
        RealFft2D.CheckLength(real, (long)Ny * Nx, nameof(real));
        RealFft2D.CheckLength(re, (long)dstNy * dstNk, nameof(re));
        RealFft2D.CheckLength(im, (long)dstNy * dstNk, nameof(im));
        int ny = Ny, nk = Nk;
        real[..(ny * Nx)].CopyTo(new Span<double>(_real, ny * Nx));
        FftwNative.Execute(_r2c);
        var bre = new ReadOnlySpan<double>(_re, ny * nk);
        var bim = new ReadOnlySpan<double>(_im, ny * nk);
        if (dstNy == ny && dstNk == nk)
        {
            bre.CopyTo(re);
            bim.CopyTo(im);
            return;
        }

        int half = dstNy / 2;
        for (int l = 0; l < dstNy; l++)
        {
            int srcRow = l < half ? l : l + (ny - dstNy);
            bre.Slice(srcRow * nk, dstNk).CopyTo(re.Slice(l * dstNk, dstNk));
            bim.Slice(srcRow * nk, dstNk).CopyTo(im.Slice(l * dstNk, dstNk));
        }
    }

    private static void Scale(ReadOnlySpan<double> src, double s, Span<double> dst)
    {
        int n = src.Length, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = new Vector<double>(s);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                (new Vector<double>(src[i..]) * vs).CopyTo(dst[i..]);
            }
        }

        for (; i < n; i++)
        {
            dst[i] = src[i] * s;
        }
    }

    /// <summary>Destroys the plans and frees the native buffers.</summary>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (FftwNative.PlannerLock)
        {
            if (_r2c != 0)
            {
                FftwNative.DestroyPlan(_r2c);
                _r2c = 0;
            }

            if (_c2r != 0)
            {
                FftwNative.DestroyPlan(_c2r);
                _c2r = 0;
            }
        }

        FreeBuffers();
    }

    private void FreeBuffers()
    {
        if (_block != null)
        {
            FftwNative.Free(_block);
        }
    }
}
