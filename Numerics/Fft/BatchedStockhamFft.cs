using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Science.Numerics.Fft;

/// <summary>Where a pass of a batched FFT reads or writes element rows (one row = the batch of one element).</summary>
internal unsafe interface IRows
{
    /// <summary>Real parts of row <paramref name="e"/>.</summary>
    double* Re(int e);

    /// <summary>Imaginary parts of row <paramref name="e"/>.</summary>
    double* Im(int e);
}

/// <summary>Rows laid out at a fixed stride (in doubles).</summary>
internal readonly unsafe struct StridedRows(double* re, double* im, int stride) : IRows
{
    private readonly double* _re = re;
    private readonly double* _im = im;
    private readonly nint _stride = stride;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double* Re(int e) => _re + e * _stride;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double* Im(int e) => _im + e * _stride;
}

/// <summary>
/// Rows given by tables of row pointers: lets the first pass gather rows from the caller's differently strided array
/// or map known-zero rows onto one shared zero row, and the last pass scatter rows into the caller's array or drop
/// them into a junk row.
/// </summary>
internal readonly unsafe struct TableRows(double** re, double** im) : IRows
{
    private readonly double** _re = re;
    private readonly double** _im = im;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double* Re(int e) => _re[e];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double* Im(int e) => _im[e];
}

/// <summary>
/// A planned, batched, split-format (separate re/im arrays) complex forward DFT of length <see cref="N"/> along the
/// outer axis of an <c>[N, batch]</c> array: element <c>e</c> is a row of <c>batch</c> doubles (per part), and every
/// column is an independent transform. Mixed-radix Stockham autosort (radices 8, 4, 2, 3, 5 and a generic odd
/// radix): each pass reads one buffer and writes another in natural order, and its innermost loop runs along a row
/// with constant twiddles, so it is a plain SIMD loop over the batch. Rows are addressed through <see cref="IRows"/>,
/// so the first pass can gather from, and the last pass scatter to, arbitrary rows (other strides, shared zero rows,
/// dropped rows); intermediate rows use a caller-chosen stride (a multiple of 64 bytes keeps every row aligned).
/// The inverse DFT is obtained by the caller by swapping the re/im arrays on input and output.
/// </summary>
internal sealed unsafe partial class BatchedStockhamFft
{
    private readonly struct Stage(int p, int m, int s, int twOffset, int genOffset)
    {
        public readonly int P = p;          // radix
        public readonly int M = m;          // number of distinct twiddle groups q (= n / p, n the current length)
        public readonly int S = s;          // stride in elements (product of the radices of earlier passes)
        public readonly int TwOffset = twOffset;
        public readonly int GenOffset = genOffset;
    }

    private readonly Stage[] _stages;
    private readonly double[] _twRe;   // pinned; per stage, [q, j − 1] = exp(−2πi j q / n)
    private readonly double[] _twIm;
    private readonly double[] _genCos; // pinned; per generic stage, [j, r] = cos/sin(2π (j r mod p) / p)
    private readonly double[] _genSin;
    private readonly double* _pTwRe, _pTwIm, _pGenCos, _pGenSin;

    /// <summary>Widest vector width (doubles) the hardware accelerates: 8, 4, 2 or 1.</summary>
    internal static int HardwareWidth { get; } =
        Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : Vector128.IsHardwareAccelerated ? 2 : 1;

    /// <summary>Widest vector width (doubles) this plan uses; below the hardware's only in tests and benchmarks.</summary>
    public int MaxWidth { get; }

    /// <summary>Transform length.</summary>
    public int N { get; }

    /// <summary>Number of passes.</summary>
    public int Passes => _stages.Length;

    /// <summary>The radices of the passes, in order.</summary>
    public IReadOnlyList<int> Radices => _stages.Select(s => s.P).ToArray();

    /// <summary>Plans a transform of length <paramref name="n"/> ≥ 1; precomputes every twiddle with Math.SinCos.</summary>
    /// <param name="n">Transform length.</param>
    /// <param name="maxWidth">Widest SIMD width to use, in doubles (0: the hardware's widest).</param>
    public BatchedStockhamFft(int n, int maxWidth = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        N = n;
        MaxWidth = maxWidth <= 0 ? HardwareWidth : Math.Min(maxWidth, HardwareWidth);
        List<int> radices = Factor(n);
        var stages = new Stage[radices.Count];
        int twCount = 0, genCount = 0;
        int len = n, s = 1;
        for (int k = 0; k < radices.Count; k++)
        {
            int p = radices[k], m = len / p;
            bool generic = !IsSpecialised(p);
            stages[k] = new Stage(p, m, s, twCount, genCount);
            twCount += m * (p - 1);
            if (generic)
            {
                genCount += p * p;
            }
            len = m;
            s *= p;
        }

        _stages = stages;
        _twRe = GC.AllocateUninitializedArray<double>(Math.Max(twCount, 1), pinned: true);
        _twIm = GC.AllocateUninitializedArray<double>(Math.Max(twCount, 1), pinned: true);
        _genCos = GC.AllocateUninitializedArray<double>(Math.Max(genCount, 1), pinned: true);
        _genSin = GC.AllocateUninitializedArray<double>(Math.Max(genCount, 1), pinned: true);
        len = n;
        foreach (Stage st in stages)
        {
            for (int q = 0; q < st.M; q++)
            {
                for (int j = 1; j < st.P; j++)
                {
                    (double c, double sn) = CosSin2Pi((long)j * q, len);
                    _twRe[st.TwOffset + q * (st.P - 1) + j - 1] = c;
                    _twIm[st.TwOffset + q * (st.P - 1) + j - 1] = -sn;
                }
            }

            if (!IsSpecialised(st.P))
            {
                for (int j = 0; j < st.P; j++)
                {
                    for (int r = 0; r < st.P; r++)
                    {
                        (double c, double sn) = CosSin2Pi((long)j * r, st.P);
                        _genCos[st.GenOffset + j * st.P + r] = c;
                        _genSin[st.GenOffset + j * st.P + r] = sn;
                    }
                }
            }

            len = st.M;
        }

        _pTwRe = (double*)Unsafe.AsPointer(ref _twRe[0]);
        _pTwIm = (double*)Unsafe.AsPointer(ref _twIm[0]);
        _pGenCos = (double*)Unsafe.AsPointer(ref _genCos[0]);
        _pGenSin = (double*)Unsafe.AsPointer(ref _genSin[0]);
    }

    private static bool IsSpecialised(int p) => p is 2 or 3 or 4 or 5 or 6 or 8 or 9 or 12 or 16;

    /// <summary>
    /// Radices with a specialised kernel built from 2s and 3s: their exponents and a relative cost per pass. Passes are
    /// bound by memory traffic (L2), so the cost is about one per pass, slightly less for the lighter kernels; radix 16
    /// spills registers and measured slower than three lighter passes (AVX-512, 2025), hence its high cost.
    /// </summary>
    private static readonly (int P, int E2, int E3, double Cost)[] SmoothRadices =
    [
        (16, 4, 0, 1.80), (12, 2, 1, 1.00), (9, 0, 2, 1.00), (8, 3, 0, 0.95), (6, 1, 1, 0.90),
        (4, 2, 0, 0.85), (3, 0, 1, 0.80), (2, 1, 0, 0.75),
    ];

    /// <summary>
    /// Radices for <paramref name="n"/>: the 2^a·3^b part split into the fewest passes of specialised radices
    /// (16, 12, 9, 8, 6, 4, 3, 2; cheapest by a per-radix cost among equals), then 5s, then the remaining primes
    /// in increasing order (generic kernel). Deterministic for a given n.
    /// </summary>
    internal static List<int> Factor(int n)
    {
        int a = 0, b = 0;
        while (n % 2 == 0)
        {
            n /= 2;
            a++;
        }

        while (n % 3 == 0)
        {
            n /= 3;
            b++;
        }

        // Dynamic programme over (2-exponent, 3-exponent).
        var best = new double[a + 1, b + 1];
        var choice = new int[a + 1, b + 1];
        for (int i = 0; i <= a; i++)
        {
            for (int j = 0; j <= b; j++)
            {
                best[i, j] = i == 0 && j == 0 ? 0 : double.PositiveInfinity;
                choice[i, j] = -1;
                for (int r = 0; r < SmoothRadices.Length; r++)
                {
                    (int _, int e2, int e3, double cost) = SmoothRadices[r];
                    if (e2 <= i && e3 <= j && best[i - e2, j - e3] + cost < best[i, j] - 1e-9)
                    {
                        best[i, j] = best[i - e2, j - e3] + cost;
                        choice[i, j] = r;
                    }
                }
            }
        }

        var f = new List<int>();
        for (int i = a, j = b; i > 0 || j > 0;)
        {
            (int p, int e2, int e3, double _) = SmoothRadices[choice[i, j]];
            f.Add(p);
            i -= e2;
            j -= e3;
        }

        f.Sort((x, y) => y.CompareTo(x)); // largest radix first
        for (int p = 5; n > 1; p += 2)
        {
            if ((long)p * p > n)
            {
                p = n;
            }

            while (n % p == 0)
            {
                f.Add(p);
                n /= p;
            }
        }

        return f;
    }

    /// <summary>
    /// (cos, sin) of 2π t / n, with the argument reduced exactly (integer arithmetic) into [0, π/4] before
    /// calling <see cref="Math.SinCos"/>, so every value is correctly rounded to within about one ulp.
    /// </summary>
    internal static (double Cos, double Sin) CosSin2Pi(long t, long n)
    {
        t %= n;
        if (t < 0)
        {
            t += n;
        }

        // angle = 2π a / d
        long a = t, d = n;
        double sSign = 1, cSign = 1;
        bool swap = false;
        if (2 * a > d)
        {
            a = d - a; // 2π − θ
            sSign = -1;
        }

        if (4 * a > d)
        {
            a = d - 2 * a; // π − θ, in units of 2π / (2d)
            d *= 2;
            cSign = -1;
        }

        if (8 * a > d)
        {
            a = d - 4 * a; // π/2 − θ, in units of 2π / (4d)
            d *= 4;
            swap = true;
        }

        (double s, double c) = Math.SinCos(2.0 * Math.PI * a / d);
        if (swap)
        {
            (s, c) = (c, s);
        }

        return (cSign * c, sSign * s);
    }

    /// <summary>
    /// Forward DFT of the <c>[N, batch]</c> input rows <paramref name="src"/>. Intermediate passes write rows of
    /// <paramref name="stride"/> ≥ batch doubles, alternating between the scratch buffers <c>a</c> and <c>b</c> (each
    /// ≥ N·stride doubles per part, distinct from the input and the output). The last pass writes the rows
    /// <paramref name="dst"/> if <paramref name="toDst"/>, else it stays in a or b (stride <paramref name="stride"/>),
    /// which is returned. Only columns <c>0 … batch − 1</c> of <paramref name="src"/> and <paramref name="dst"/> rows
    /// are read or written.
    /// </summary>
    /// <remarks>
    /// The first pass (single-row blocks) and a last pass into <paramref name="dst"/> run row by row over
    /// <c>batch</c> columns. The scratch rows' padding columns <c>batch … stride − 1</c> are zeroed after the first pass,
    /// so the other passes can treat each block of <c>s</c> consecutive rows as one contiguous run of
    /// <c>s·stride</c> doubles (fewer, longer SIMD loops, all 64-byte aligned when the stride is a multiple of 8),
    /// transforming zeros in the padding.
    /// </remarks>
    public (nint Re, nint Im) Execute<TSrc, TDst>(TSrc src, TDst dst, bool toDst, int batch, int stride,
        double* ar, double* ai, double* br, double* bi)
        where TSrc : unmanaged, IRows
        where TDst : unmanaged, IRows
    {
        int passes = _stages.Length;
        double* inR = null, inI = null;
        for (int k = 0; k < passes; k++)
        {
            ref readonly Stage st = ref _stages[k];
            bool final = k == passes - 1 && toDst;
            double* outR = null, outI = null;
            if (!final)
            {
                // Forward alternation a, b, a, … when the result stays in scratch; backward (…, b, a, dst) when it
                // goes to dst, so no pass ever writes the buffer it reads.
                bool useA = toDst ? ((passes - 2 - k) & 1) == 0 : (k & 1) == 0;
                outR = useA ? ar : br;
                outI = useA ? ai : bi;
            }

            if (k == 0)
            {
                // Blocks are single rows (s = 1).
                if (final)
                {
                    RunStage(in st, 1, src, dst, batch);
                }
                else
                {
                    RunStage(in st, 1, src, new StridedRows(outR, outI, stride), batch);
                    if (stride > batch)
                    {
                        nint padBytes = (nint)(stride - batch) * sizeof(double);
                        for (int e = 0; e < N; e++)
                        {
                            nint o = (nint)e * stride + batch;
                            Unsafe.InitBlockUnaligned(outR + o, 0, (uint)padBytes);
                            Unsafe.InitBlockUnaligned(outI + o, 0, (uint)padBytes);
                        }
                    }
                }
            }
            else if (final)
            {
                RunStage(in st, st.S, new StridedRows(inR, inI, stride), dst, batch);
            }
            else
            {
                int run = st.S * stride;
                RunStage(in st, 1, new StridedRows(inR, inI, run), new StridedRows(outR, outI, run), run);
            }

            inR = outR;
            inI = outI;
        }

        return ((nint)inR, (nint)inI);
    }

    /// <summary>One pass with blocks of <paramref name="s"/> rows (1: blocks are single rows of len doubles).</summary>
    private void RunStage<TX, TY>(in Stage st, int s, TX x, TY y, int len)
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        int w = MaxWidth;
        if (w >= 8 && len >= 8)
        {
            RunStage<Vector512<double>, Ops512, TX, TY>(in st, s, x, y, len);
        }
        else if (w >= 4 && len >= 4)
        {
            RunStage<Vector256<double>, Ops256, TX, TY>(in st, s, x, y, len);
        }
        else if (w >= 2 && len >= 2)
        {
            RunStage<Vector128<double>, Ops128, TX, TY>(in st, s, x, y, len);
        }
        else
        {
            RunStage<double, OpsScalar, TX, TY>(in st, s, x, y, len);
        }
    }

    private void RunStage<TV, TO, TX, TY>(in Stage st, int s, TX x, TY y, int len)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        double* twr = _pTwRe + st.TwOffset, twi = _pTwIm + st.TwOffset;
        switch (st.P)
        {
            case 2:
                Radix2<TV, TO, TX, TY>(x, y, st.M, s, len, twr, twi);
                break;
            case 3:
                Radix3<TV, TO, TX, TY>(x, y, st.M, s, len, twr, twi);
                break;
            case 4:
                Radix4<TV, TO, TX, TY>(x, y, st.M, s, len, twr, twi);
                break;
            case 5:
                Radix5<TV, TO, TX, TY>(x, y, st.M, s, len, twr, twi);
                break;
            case 6:
                Radix6<TV, TO, TX, TY>(x, y, st.M, s, len, twr, twi);
                break;
            case 8:
                Radix8<TV, TO, TX, TY>(x, y, st.M, s, len, twr, twi);
                break;
            case 9:
                Radix9<TV, TO, TX, TY>(x, y, st.M, s, len, twr, twi);
                break;
            case 12:
                Radix12<TV, TO, TX, TY>(x, y, st.M, s, len, twr, twi);
                break;
            case 16:
                Radix16<TV, TO, TX, TY>(x, y, st.M, s, len, twr, twi);
                break;
            default:
                RadixGeneric<TV, TO, TX, TY>(x, y, st.P, st.M, s, len, twr, twi,
                    _pGenCos + st.GenOffset, _pGenSin + st.GenOffset);
                break;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Kernels. Pass with radix p, m = n/p twiddle groups, stride s (product of the earlier radices):
    //   for q < m, k < s, j < p:  y[k + s(p q + j)] = w^(j q) · Σ_r x[k + s(q + m r)] · ω_p^(j r),  w = exp(−2πi/n),
    // each "element" being a row of len doubles. The chunk loop covers [0, len) with full vectors, the last one
    // overlapping the previous (len ≥ width), which is harmless because input and output are distinct.
    // ---------------------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTw<TV, TO>(double* pr, double* pi, TV xr, TV xi, TV wr, TV wi)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
    {
        TO.Store(pr, TO.NegMulAdd(xi, wi, TO.Mul(xr, wr)));
        TO.Store(pi, TO.MulAdd(xr, wi, TO.Mul(xi, wr)));
    }

    private static void Radix2<TV, TO, TX, TY>(TX x, TY y, int m, int s, int len, double* twr, double* twi)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        int w = TO.Width, last = len - w, es = s * m;
        for (int q = 0; q < m; q++)
        {
            bool tw = q != 0;
            TV w1r = TO.Splat(tw ? twr[q] : 1), w1i = TO.Splat(tw ? twi[q] : 0);
            for (int k = 0; k < s; k++)
            {
                int e = k + s * q, f = k + 2 * s * q;
                double* x0r = x.Re(e), x0i = x.Im(e), x1r = x.Re(e + es), x1i = x.Im(e + es);
                double* y0r = y.Re(f), y0i = y.Im(f), y1r = y.Re(f + s), y1i = y.Im(f + s);
                for (int c = 0; ; c += w)
                {
                    if (c > last)
                    {
                        c = last;
                    }

                    TV ar = TO.Load(x0r + c), ai = TO.Load(x0i + c), br = TO.Load(x1r + c), bi = TO.Load(x1i + c);
                    TO.Store(y0r + c, TO.Add(ar, br));
                    TO.Store(y0i + c, TO.Add(ai, bi));
                    if (tw)
                    {
                        StoreTw<TV, TO>(y1r + c, y1i + c, TO.Sub(ar, br), TO.Sub(ai, bi), w1r, w1i);
                    }
                    else
                    {
                        TO.Store(y1r + c, TO.Sub(ar, br));
                        TO.Store(y1i + c, TO.Sub(ai, bi));
                    }

                    if (c == last)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static void Radix3<TV, TO, TX, TY>(TX x, TY y, int m, int s, int len, double* twr, double* twi)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        const double S3 = 0.86602540378443864676; // sin(2π/3)
        int w = TO.Width, last = len - w, es = s * m;
        TV half = TO.Splat(0.5), s3 = TO.Splat(S3);
        for (int q = 0; q < m; q++)
        {
            bool tw = q != 0;
            TV w1r = TO.Splat(tw ? twr[2 * q] : 1), w1i = TO.Splat(tw ? twi[2 * q] : 0);
            TV w2r = TO.Splat(tw ? twr[2 * q + 1] : 1), w2i = TO.Splat(tw ? twi[2 * q + 1] : 0);
            for (int k = 0; k < s; k++)
            {
                int e = k + s * q, f = k + 3 * s * q;
                double* x0r = x.Re(e), x0i = x.Im(e), x1r = x.Re(e + es), x1i = x.Im(e + es);
                double* x2r = x.Re(e + 2 * es), x2i = x.Im(e + 2 * es);
                double* y0r = y.Re(f), y0i = y.Im(f), y1r = y.Re(f + s), y1i = y.Im(f + s);
                double* y2r = y.Re(f + 2 * s), y2i = y.Im(f + 2 * s);
                for (int c = 0; ; c += w)
                {
                    if (c > last)
                    {
                        c = last;
                    }

                    TV a0r = TO.Load(x0r + c), a0i = TO.Load(x0i + c);
                    TV a1r = TO.Load(x1r + c), a1i = TO.Load(x1i + c);
                    TV a2r = TO.Load(x2r + c), a2i = TO.Load(x2i + c);
                    TV t1r = TO.Add(a1r, a2r), t1i = TO.Add(a1i, a2i);
                    TV t2r = TO.Sub(a1r, a2r), t2i = TO.Sub(a1i, a2i);
                    TO.Store(y0r + c, TO.Add(a0r, t1r));
                    TO.Store(y0i + c, TO.Add(a0i, t1i));
                    TV m1r = TO.NegMulAdd(half, t1r, a0r), m1i = TO.NegMulAdd(half, t1i, a0i);
                    // m2 = −i·sin(2π/3)·t2
                    TV m2r = TO.Mul(s3, t2i), m2i = TO.Mul(s3, t2r);
                    TV b1r = TO.Add(m1r, m2r), b1i = TO.Sub(m1i, m2i);
                    TV b2r = TO.Sub(m1r, m2r), b2i = TO.Add(m1i, m2i);
                    if (tw)
                    {
                        StoreTw<TV, TO>(y1r + c, y1i + c, b1r, b1i, w1r, w1i);
                        StoreTw<TV, TO>(y2r + c, y2i + c, b2r, b2i, w2r, w2i);
                    }
                    else
                    {
                        TO.Store(y1r + c, b1r);
                        TO.Store(y1i + c, b1i);
                        TO.Store(y2r + c, b2r);
                        TO.Store(y2i + c, b2i);
                    }

                    if (c == last)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static void Radix4<TV, TO, TX, TY>(TX x, TY y, int m, int s, int len, double* twr, double* twi)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        int w = TO.Width, last = len - w, es = s * m;
        for (int q = 0; q < m; q++)
        {
            bool tw = q != 0;
            int t = 3 * q;
            TV w1r = TO.Splat(tw ? twr[t] : 1), w1i = TO.Splat(tw ? twi[t] : 0);
            TV w2r = TO.Splat(tw ? twr[t + 1] : 1), w2i = TO.Splat(tw ? twi[t + 1] : 0);
            TV w3r = TO.Splat(tw ? twr[t + 2] : 1), w3i = TO.Splat(tw ? twi[t + 2] : 0);
            for (int k = 0; k < s; k++)
            {
                int e = k + s * q, f = k + 4 * s * q;
                double* x0r = x.Re(e), x0i = x.Im(e), x1r = x.Re(e + es), x1i = x.Im(e + es);
                double* x2r = x.Re(e + 2 * es), x2i = x.Im(e + 2 * es);
                double* x3r = x.Re(e + 3 * es), x3i = x.Im(e + 3 * es);
                double* y0r = y.Re(f), y0i = y.Im(f), y1r = y.Re(f + s), y1i = y.Im(f + s);
                double* y2r = y.Re(f + 2 * s), y2i = y.Im(f + 2 * s), y3r = y.Re(f + 3 * s), y3i = y.Im(f + 3 * s);
                for (int c = 0; ; c += w)
                {
                    if (c > last)
                    {
                        c = last;
                    }

                    TV a0r = TO.Load(x0r + c), a0i = TO.Load(x0i + c);
                    TV a1r = TO.Load(x1r + c), a1i = TO.Load(x1i + c);
                    TV a2r = TO.Load(x2r + c), a2i = TO.Load(x2i + c);
                    TV a3r = TO.Load(x3r + c), a3i = TO.Load(x3i + c);
                    TV t0r = TO.Add(a0r, a2r), t0i = TO.Add(a0i, a2i);
                    TV t1r = TO.Sub(a0r, a2r), t1i = TO.Sub(a0i, a2i);
                    TV t2r = TO.Add(a1r, a3r), t2i = TO.Add(a1i, a3i);
                    TV t3r = TO.Sub(a1r, a3r), t3i = TO.Sub(a1i, a3i);
                    TO.Store(y0r + c, TO.Add(t0r, t2r));
                    TO.Store(y0i + c, TO.Add(t0i, t2i));
                    TV b2r = TO.Sub(t0r, t2r), b2i = TO.Sub(t0i, t2i);
                    TV b1r = TO.Add(t1r, t3i), b1i = TO.Sub(t1i, t3r); // t1 − i t3
                    TV b3r = TO.Sub(t1r, t3i), b3i = TO.Add(t1i, t3r); // t1 + i t3
                    if (tw)
                    {
                        StoreTw<TV, TO>(y1r + c, y1i + c, b1r, b1i, w1r, w1i);
                        StoreTw<TV, TO>(y2r + c, y2i + c, b2r, b2i, w2r, w2i);
                        StoreTw<TV, TO>(y3r + c, y3i + c, b3r, b3i, w3r, w3i);
                    }
                    else
                    {
                        TO.Store(y1r + c, b1r);
                        TO.Store(y1i + c, b1i);
                        TO.Store(y2r + c, b2r);
                        TO.Store(y2i + c, b2i);
                        TO.Store(y3r + c, b3r);
                        TO.Store(y3i + c, b3i);
                    }

                    if (c == last)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static void Radix5<TV, TO, TX, TY>(TX x, TY y, int m, int s, int len, double* twr, double* twi)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        const double C1 = 0.30901699437494742410;  // cos(2π/5)
        const double C2 = -0.80901699437494742410; // cos(4π/5)
        const double S1 = 0.95105651629515357212;  // sin(2π/5)
        const double S2 = 0.58778525229247312917;  // sin(4π/5)
        int w = TO.Width, last = len - w, es = s * m;
        TV c1 = TO.Splat(C1), c2 = TO.Splat(C2), s1 = TO.Splat(S1), s2 = TO.Splat(S2);
        for (int q = 0; q < m; q++)
        {
            bool tw = q != 0;
            double* pwr = twr + 4 * q, pwi = twi + 4 * q;
            for (int k = 0; k < s; k++)
            {
                int e = k + s * q, f = k + 5 * s * q;
                double* x0r = x.Re(e), x0i = x.Im(e), x1r = x.Re(e + es), x1i = x.Im(e + es);
                double* x2r = x.Re(e + 2 * es), x2i = x.Im(e + 2 * es);
                double* x3r = x.Re(e + 3 * es), x3i = x.Im(e + 3 * es);
                double* x4r = x.Re(e + 4 * es), x4i = x.Im(e + 4 * es);
                double* y0r = y.Re(f), y0i = y.Im(f), y1r = y.Re(f + s), y1i = y.Im(f + s);
                double* y2r = y.Re(f + 2 * s), y2i = y.Im(f + 2 * s), y3r = y.Re(f + 3 * s), y3i = y.Im(f + 3 * s);
                double* y4r = y.Re(f + 4 * s), y4i = y.Im(f + 4 * s);
                for (int c = 0; ; c += w)
                {
                    if (c > last)
                    {
                        c = last;
                    }

                    TV a0r = TO.Load(x0r + c), a0i = TO.Load(x0i + c);
                    TV a1r = TO.Load(x1r + c), a1i = TO.Load(x1i + c);
                    TV a2r = TO.Load(x2r + c), a2i = TO.Load(x2i + c);
                    TV a3r = TO.Load(x3r + c), a3i = TO.Load(x3i + c);
                    TV a4r = TO.Load(x4r + c), a4i = TO.Load(x4i + c);
                    TV t1r = TO.Add(a1r, a4r), t1i = TO.Add(a1i, a4i);
                    TV t2r = TO.Add(a2r, a3r), t2i = TO.Add(a2i, a3i);
                    TV t3r = TO.Sub(a1r, a4r), t3i = TO.Sub(a1i, a4i);
                    TV t4r = TO.Sub(a2r, a3r), t4i = TO.Sub(a2i, a3i);
                    TO.Store(y0r + c, TO.Add(a0r, TO.Add(t1r, t2r)));
                    TO.Store(y0i + c, TO.Add(a0i, TO.Add(t1i, t2i)));
                    TV b1r = TO.MulAdd(c2, t2r, TO.MulAdd(c1, t1r, a0r));
                    TV b1i = TO.MulAdd(c2, t2i, TO.MulAdd(c1, t1i, a0i));
                    TV b2r = TO.MulAdd(c1, t2r, TO.MulAdd(c2, t1r, a0r));
                    TV b2i = TO.MulAdd(c1, t2i, TO.MulAdd(c2, t1i, a0i));
                    TV d1r = TO.MulAdd(s2, t4r, TO.Mul(s1, t3r)), d1i = TO.MulAdd(s2, t4i, TO.Mul(s1, t3i));
                    TV d2r = TO.NegMulAdd(s1, t4r, TO.Mul(s2, t3r)), d2i = TO.NegMulAdd(s1, t4i, TO.Mul(s2, t3i));
                    // y1 = b1 − i d1, y4 = b1 + i d1, y2 = b2 − i d2, y3 = b2 + i d2
                    TV o1r = TO.Add(b1r, d1i), o1i = TO.Sub(b1i, d1r);
                    TV o4r = TO.Sub(b1r, d1i), o4i = TO.Add(b1i, d1r);
                    TV o2r = TO.Add(b2r, d2i), o2i = TO.Sub(b2i, d2r);
                    TV o3r = TO.Sub(b2r, d2i), o3i = TO.Add(b2i, d2r);
                    if (tw)
                    {
                        StoreTw<TV, TO>(y1r + c, y1i + c, o1r, o1i, TO.Splat(pwr[0]), TO.Splat(pwi[0]));
                        StoreTw<TV, TO>(y2r + c, y2i + c, o2r, o2i, TO.Splat(pwr[1]), TO.Splat(pwi[1]));
                        StoreTw<TV, TO>(y3r + c, y3i + c, o3r, o3i, TO.Splat(pwr[2]), TO.Splat(pwi[2]));
                        StoreTw<TV, TO>(y4r + c, y4i + c, o4r, o4i, TO.Splat(pwr[3]), TO.Splat(pwi[3]));
                    }
                    else
                    {
                        TO.Store(y1r + c, o1r);
                        TO.Store(y1i + c, o1i);
                        TO.Store(y2r + c, o2r);
                        TO.Store(y2i + c, o2i);
                        TO.Store(y3r + c, o3r);
                        TO.Store(y3i + c, o3i);
                        TO.Store(y4r + c, o4r);
                        TO.Store(y4i + c, o4i);
                    }

                    if (c == last)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static void Radix8<TV, TO, TX, TY>(TX x, TY y, int m, int s, int len, double* twr, double* twi)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        const double R = 0.70710678118654752440; // 1/√2
        int w = TO.Width, last = len - w, es = s * m;
        TV rt = TO.Splat(R);
        for (int q = 0; q < m; q++)
        {
            bool tw = q != 0;
            double* pwr = twr + 7 * q, pwi = twi + 7 * q;
            for (int k = 0; k < s; k++)
            {
                int e = k + s * q, f = k + 8 * s * q;
                double* x0r = x.Re(e), x0i = x.Im(e), x1r = x.Re(e + es), x1i = x.Im(e + es);
                double* x2r = x.Re(e + 2 * es), x2i = x.Im(e + 2 * es), x3r = x.Re(e + 3 * es), x3i = x.Im(e + 3 * es);
                double* x4r = x.Re(e + 4 * es), x4i = x.Im(e + 4 * es), x5r = x.Re(e + 5 * es), x5i = x.Im(e + 5 * es);
                double* x6r = x.Re(e + 6 * es), x6i = x.Im(e + 6 * es), x7r = x.Re(e + 7 * es), x7i = x.Im(e + 7 * es);
                double* y0r = y.Re(f), y0i = y.Im(f), y1r = y.Re(f + s), y1i = y.Im(f + s);
                double* y2r = y.Re(f + 2 * s), y2i = y.Im(f + 2 * s), y3r = y.Re(f + 3 * s), y3i = y.Im(f + 3 * s);
                double* y4r = y.Re(f + 4 * s), y4i = y.Im(f + 4 * s), y5r = y.Re(f + 5 * s), y5i = y.Im(f + 5 * s);
                double* y6r = y.Re(f + 6 * s), y6i = y.Im(f + 6 * s), y7r = y.Re(f + 7 * s), y7i = y.Im(f + 7 * s);
                for (int c = 0; ; c += w)
                {
                    if (c > last)
                    {
                        c = last;
                    }

                    TV a0r = TO.Load(x0r + c), a0i = TO.Load(x0i + c), a4r = TO.Load(x4r + c), a4i = TO.Load(x4i + c);
                    TV b0r = TO.Add(a0r, a4r), b0i = TO.Add(a0i, a4i), b4r = TO.Sub(a0r, a4r), b4i = TO.Sub(a0i, a4i);
                    TV a1r = TO.Load(x1r + c), a1i = TO.Load(x1i + c), a5r = TO.Load(x5r + c), a5i = TO.Load(x5i + c);
                    TV b1r = TO.Add(a1r, a5r), b1i = TO.Add(a1i, a5i), b5r = TO.Sub(a1r, a5r), b5i = TO.Sub(a1i, a5i);
                    TV a2r = TO.Load(x2r + c), a2i = TO.Load(x2i + c), a6r = TO.Load(x6r + c), a6i = TO.Load(x6i + c);
                    TV b2r = TO.Add(a2r, a6r), b2i = TO.Add(a2i, a6i), b6r = TO.Sub(a2r, a6r), b6i = TO.Sub(a2i, a6i);
                    TV a3r = TO.Load(x3r + c), a3i = TO.Load(x3i + c), a7r = TO.Load(x7r + c), a7i = TO.Load(x7i + c);
                    TV b3r = TO.Add(a3r, a7r), b3i = TO.Add(a3i, a7i), b7r = TO.Sub(a3r, a7r), b7i = TO.Sub(a3i, a7i);

                    // Odd half inputs: c1 = b5·ω8, c2 = b6·ω8² = −i b6, c3 = b7·ω8³, ω8 = (1 − i)/√2.
                    TV c1r = TO.Mul(rt, TO.Add(b5r, b5i)), c1i = TO.Mul(rt, TO.Sub(b5i, b5r));
                    TV c3r = TO.Mul(rt, TO.Sub(b7i, b7r)), c3i = TO.Mul(rt, TO.Add(b7r, b7i)); // c3i negated

                    // Even outputs y0, y2, y4, y6 = DFT4(b0, b1, b2, b3).
                    TV t0r = TO.Add(b0r, b2r), t0i = TO.Add(b0i, b2i), t1r = TO.Sub(b0r, b2r), t1i = TO.Sub(b0i, b2i);
                    TV t2r = TO.Add(b1r, b3r), t2i = TO.Add(b1i, b3i), t3r = TO.Sub(b1r, b3r), t3i = TO.Sub(b1i, b3i);
                    TV e0r = TO.Add(t0r, t2r), e0i = TO.Add(t0i, t2i), e4r = TO.Sub(t0r, t2r), e4i = TO.Sub(t0i, t2i);
                    TV e2r = TO.Add(t1r, t3i), e2i = TO.Sub(t1i, t3r), e6r = TO.Sub(t1r, t3i), e6i = TO.Add(t1i, t3r);

                    // Odd outputs y1, y3, y5, y7 = DFT4(b4, c1, c2, c3), with c2 = (b6i, −b6r), c3 = (c3r, −c3i).
                    TV u0r = TO.Add(b4r, b6i), u0i = TO.Sub(b4i, b6r), u1r = TO.Sub(b4r, b6i), u1i = TO.Add(b4i, b6r);
                    TV u2r = TO.Add(c1r, c3r), u2i = TO.Sub(c1i, c3i), u3r = TO.Sub(c1r, c3r), u3i = TO.Add(c1i, c3i);
                    TV o1r = TO.Add(u0r, u2r), o1i = TO.Add(u0i, u2i), o5r = TO.Sub(u0r, u2r), o5i = TO.Sub(u0i, u2i);
                    TV o3r = TO.Add(u1r, u3i), o3i = TO.Sub(u1i, u3r), o7r = TO.Sub(u1r, u3i), o7i = TO.Add(u1i, u3r);

                    TO.Store(y0r + c, e0r);
                    TO.Store(y0i + c, e0i);
                    if (tw)
                    {
                        StoreTw<TV, TO>(y1r + c, y1i + c, o1r, o1i, TO.Splat(pwr[0]), TO.Splat(pwi[0]));
                        StoreTw<TV, TO>(y2r + c, y2i + c, e2r, e2i, TO.Splat(pwr[1]), TO.Splat(pwi[1]));
                        StoreTw<TV, TO>(y3r + c, y3i + c, o3r, o3i, TO.Splat(pwr[2]), TO.Splat(pwi[2]));
                        StoreTw<TV, TO>(y4r + c, y4i + c, e4r, e4i, TO.Splat(pwr[3]), TO.Splat(pwi[3]));
                        StoreTw<TV, TO>(y5r + c, y5i + c, o5r, o5i, TO.Splat(pwr[4]), TO.Splat(pwi[4]));
                        StoreTw<TV, TO>(y6r + c, y6i + c, e6r, e6i, TO.Splat(pwr[5]), TO.Splat(pwi[5]));
                        StoreTw<TV, TO>(y7r + c, y7i + c, o7r, o7i, TO.Splat(pwr[6]), TO.Splat(pwi[6]));
                    }
                    else
                    {
                        TO.Store(y1r + c, o1r);
                        TO.Store(y1i + c, o1i);
                        TO.Store(y2r + c, e2r);
                        TO.Store(y2i + c, e2i);
                        TO.Store(y3r + c, o3r);
                        TO.Store(y3i + c, o3i);
                        TO.Store(y4r + c, e4r);
                        TO.Store(y4i + c, e4i);
                        TO.Store(y5r + c, o5r);
                        TO.Store(y5i + c, o5i);
                        TO.Store(y6r + c, e6r);
                        TO.Store(y6i + c, e6i);
                        TO.Store(y7r + c, o7r);
                        TO.Store(y7i + c, o7i);
                    }

                    if (c == last)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static void RadixGeneric<TV, TO, TX, TY>(TX x, TY y, int p, int m, int s, int len,
        double* twr, double* twi, double* gc, double* gs)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        int w = TO.Width, last = len - w, h = (p - 1) / 2, es = s * m;
        double** xr = stackalloc double*[p];
        double** xi = stackalloc double*[p];
        for (int q = 0; q < m; q++)
        {
            for (int k = 0; k < s; k++)
            {
                int e = k + s * q, f = k + p * s * q;
                for (int r = 0; r < p; r++)
                {
                    xr[r] = x.Re(e + r * es);
                    xi[r] = x.Im(e + r * es);
                }

                for (int j = 0; j < p; j++)
                {
                    double* pr = y.Re(f + j * s), pi = y.Im(f + j * s);
                    bool tw = q != 0 && j != 0;
                    TV wr = TO.Splat(tw ? twr[q * (p - 1) + j - 1] : 1);
                    TV wi = TO.Splat(tw ? twi[q * (p - 1) + j - 1] : 0);
                    for (int c = 0; ; c += w)
                    {
                        if (c > last)
                        {
                            c = last;
                        }

                        TV accR = TO.Load(xr[0] + c), accI = TO.Load(xi[0] + c);
                        for (int r = 1; r <= h; r++)
                        {
                            TV ar = TO.Load(xr[r] + c), ai = TO.Load(xi[r] + c);
                            TV br = TO.Load(xr[p - r] + c), bi = TO.Load(xi[p - r] + c);
                            TV cs = TO.Splat(gc[j * p + r]), sn = TO.Splat(gs[j * p + r]);
                            // a ω^{jr} + b ω^{−jr} = cos·(a + b) − i sin·(a − b)
                            accR = TO.MulAdd(sn, TO.Sub(ai, bi), TO.MulAdd(cs, TO.Add(ar, br), accR));
                            accI = TO.NegMulAdd(sn, TO.Sub(ar, br), TO.MulAdd(cs, TO.Add(ai, bi), accI));
                        }

                        if (tw)
                        {
                            StoreTw<TV, TO>(pr + c, pi + c, accR, accI, wr, wi);
                        }
                        else
                        {
                            TO.Store(pr + c, accR);
                            TO.Store(pi + c, accI);
                        }

                        if (c == last)
                        {
                            break;
                        }
                    }
                }
            }
        }
    }
}
