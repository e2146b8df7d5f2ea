using System.Runtime.CompilerServices;

namespace Science.Numerics.Fft;

/// <summary>
/// Composite-radix kernels (6, 9, 12, 16) of <see cref="BatchedStockhamFft"/>: a radix p = p1·p2 butterfly is done in
/// registers as p2 DFTs of length p1, constant internal twiddles ω_p^(n2·k1), then p1 DFTs of length p2 — fewer
/// passes over memory than separate radix-p1 and radix-p2 passes.
/// </summary>
internal sealed unsafe partial class BatchedStockhamFft
{
    private const double Sqrt05 = 0.70710678118654752440;  // cos(π/4)
    private const double Cos16 = 0.92387953251128675613;   // cos(π/8)
    private const double Sin16 = 0.38268343236508977173;   // sin(π/8)
    private const double Sin60 = 0.86602540378443864676;   // sin(π/3)
    private const double Cos40 = 0.76604444311897803520;   // cos(2π/9)
    private const double Sin40 = 0.64278760968653932632;   // sin(2π/9)
    private const double Cos80 = 0.17364817766693034885;   // cos(4π/9)
    private const double Sin80 = 0.98480775301220805936;   // sin(4π/9)
    private const double Cos160 = -0.93969262078590838405; // cos(8π/9)
    private const double Sin160 = 0.34202014332566873304;  // sin(8π/9)

    /// <summary>In-place DFT of length 2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dft2<TV, TO>(ref TV ar, ref TV ai, ref TV br, ref TV bi)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
    {
        TV tr = ar, ti = ai;
        ar = TO.Add(tr, br);
        ai = TO.Add(ti, bi);
        br = TO.Sub(tr, br);
        bi = TO.Sub(ti, bi);
    }

    /// <summary>In-place forward DFT of length 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dft3<TV, TO>(ref TV a0r, ref TV a0i, ref TV a1r, ref TV a1i, ref TV a2r, ref TV a2i)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
    {
        TV t1r = TO.Add(a1r, a2r), t1i = TO.Add(a1i, a2i);
        TV t2r = TO.Sub(a1r, a2r), t2i = TO.Sub(a1i, a2i);
        TV m1r = TO.NegMulAdd(TO.Splat(0.5), t1r, a0r), m1i = TO.NegMulAdd(TO.Splat(0.5), t1i, a0i);
        TV m2r = TO.Mul(TO.Splat(Sin60), t2i), m2i = TO.Mul(TO.Splat(Sin60), t2r); // −i sin(2π/3) t2 = (m2r, −m2i)
        a0r = TO.Add(a0r, t1r);
        a0i = TO.Add(a0i, t1i);
        a1r = TO.Add(m1r, m2r);
        a1i = TO.Sub(m1i, m2i);
        a2r = TO.Sub(m1r, m2r);
        a2i = TO.Add(m1i, m2i);
    }

    /// <summary>In-place forward DFT of length 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dft4<TV, TO>(ref TV a0r, ref TV a0i, ref TV a1r, ref TV a1i, ref TV a2r, ref TV a2i,
        ref TV a3r, ref TV a3i)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
    {
        TV t0r = TO.Add(a0r, a2r), t0i = TO.Add(a0i, a2i);
        TV t1r = TO.Sub(a0r, a2r), t1i = TO.Sub(a0i, a2i);
        TV t2r = TO.Add(a1r, a3r), t2i = TO.Add(a1i, a3i);
        TV t3r = TO.Sub(a1r, a3r), t3i = TO.Sub(a1i, a3i);
        a0r = TO.Add(t0r, t2r);
        a0i = TO.Add(t0i, t2i);
        a2r = TO.Sub(t0r, t2r);
        a2i = TO.Sub(t0i, t2i);
        a1r = TO.Add(t1r, t3i); // t1 − i t3
        a1i = TO.Sub(t1i, t3r);
        a3r = TO.Sub(t1r, t3i); // t1 + i t3
        a3i = TO.Add(t1i, t3r);
    }

    /// <summary>(r + i·im) ← (r + i·im)·(c + i·s) with constant c, s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rot<TV, TO>(ref TV r, ref TV im, double c, double s)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
    {
        TV tr = r;
        r = TO.NegMulAdd(im, TO.Splat(s), TO.Mul(tr, TO.Splat(c)));
        im = TO.MulAdd(tr, TO.Splat(s), TO.Mul(im, TO.Splat(c)));
    }

    /// <summary>(r + i·im) ← (r + i·im)·(1 − i)/√2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RotM45<TV, TO>(ref TV r, ref TV im)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
    {
        TV tr = r;
        r = TO.Mul(TO.Splat(Sqrt05), TO.Add(tr, im));
        im = TO.Mul(TO.Splat(Sqrt05), TO.Sub(im, tr));
    }

    /// <summary>(r + i·im) ← (r + i·im)·(−1 − i)/√2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RotM135<TV, TO>(ref TV r, ref TV im)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
    {
        TV tr = r;
        r = TO.Mul(TO.Splat(Sqrt05), TO.Sub(im, tr));
        im = TO.Neg(TO.Mul(TO.Splat(Sqrt05), TO.Add(tr, im)));
    }

    /// <summary>(r + i·im) ← −i·(r + i·im).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RotM90<TV, TO>(ref TV r, ref TV im)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
    {
        TV tr = r;
        r = im;
        im = TO.Neg(tr);
    }

    /// <summary>Stores x·w (w = twiddle j of the group, when <paramref name="tw"/>) at row pointers + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Out<TV, TO>(bool tw, double* pr, double* pi, TV xr, TV xi, double* pwr, double* pwi, int j)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
    {
        if (tw)
        {
            StoreTw<TV, TO>(pr, pi, xr, xi, TO.Splat(pwr[j]), TO.Splat(pwi[j]));
        }
        else
        {
            TO.Store(pr, xr);
            TO.Store(pi, xi);
        }
    }

    private static void Radix6<TV, TO, TX, TY>(TX x, TY y, int m, int s, int len, double* twr, double* twi)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        const int P = 6;
        int w = TO.Width, last = len - w, es = s * m;
        double** xp = stackalloc double*[2 * P];
        double** yp = stackalloc double*[2 * P];
        for (int q = 0; q < m; q++)
        {
            bool tw = q != 0;
            double* pwr = twr + (P - 1) * q - 1, pwi = twi + (P - 1) * q - 1; // index by output j ≥ 1
            for (int k = 0; k < s; k++)
            {
                int e = k + s * q, f = k + P * s * q;
                for (int j = 0; j < P; j++)
                {
                    xp[2 * j] = x.Re(e + j * es);
                    xp[2 * j + 1] = x.Im(e + j * es);
                    yp[2 * j] = y.Re(f + j * s);
                    yp[2 * j + 1] = y.Im(f + j * s);
                }

                for (int c = 0; ; c += w)
                {
                    if (c > last)
                    {
                        c = last;
                    }

                    TV a0r = TO.Load(xp[0] + c), a0i = TO.Load(xp[1] + c), a1r = TO.Load(xp[2] + c), a1i = TO.Load(xp[3] + c);
                    TV a2r = TO.Load(xp[4] + c), a2i = TO.Load(xp[5] + c), a3r = TO.Load(xp[6] + c), a3i = TO.Load(xp[7] + c);
                    TV a4r = TO.Load(xp[8] + c), a4i = TO.Load(xp[9] + c), a5r = TO.Load(xp[10] + c), a5i = TO.Load(xp[11] + c);

                    // n = 3 n1 + n2, k = k1 + 2 k2: DFT2 over n1, twiddle ω6^(n2 k1), DFT3 over n2.
                    Dft2<TV, TO>(ref a0r, ref a0i, ref a3r, ref a3i);
                    Dft2<TV, TO>(ref a1r, ref a1i, ref a4r, ref a4i);
                    Dft2<TV, TO>(ref a2r, ref a2i, ref a5r, ref a5i);
                    Rot<TV, TO>(ref a4r, ref a4i, 0.5, -Sin60);  // ω6
                    Rot<TV, TO>(ref a5r, ref a5i, -0.5, -Sin60); // ω6²
                    Dft3<TV, TO>(ref a0r, ref a0i, ref a1r, ref a1i, ref a2r, ref a2i); // y0, y2, y4
                    Dft3<TV, TO>(ref a3r, ref a3i, ref a4r, ref a4i, ref a5r, ref a5i); // y1, y3, y5

                    TO.Store(yp[0] + c, a0r);
                    TO.Store(yp[1] + c, a0i);
                    Out<TV, TO>(tw, yp[2] + c, yp[3] + c, a3r, a3i, pwr, pwi, 1);
                    Out<TV, TO>(tw, yp[4] + c, yp[5] + c, a1r, a1i, pwr, pwi, 2);
                    Out<TV, TO>(tw, yp[6] + c, yp[7] + c, a4r, a4i, pwr, pwi, 3);
                    Out<TV, TO>(tw, yp[8] + c, yp[9] + c, a2r, a2i, pwr, pwi, 4);
                    Out<TV, TO>(tw, yp[10] + c, yp[11] + c, a5r, a5i, pwr, pwi, 5);
                    if (c == last)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static void Radix9<TV, TO, TX, TY>(TX x, TY y, int m, int s, int len, double* twr, double* twi)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        const int P = 9;
        int w = TO.Width, last = len - w, es = s * m;
        double** xp = stackalloc double*[2 * P];
        double** yp = stackalloc double*[2 * P];
        for (int q = 0; q < m; q++)
        {
            bool tw = q != 0;
            double* pwr = twr + (P - 1) * q - 1, pwi = twi + (P - 1) * q - 1;
            for (int k = 0; k < s; k++)
            {
                int e = k + s * q, f = k + P * s * q;
                for (int j = 0; j < P; j++)
                {
                    xp[2 * j] = x.Re(e + j * es);
                    xp[2 * j + 1] = x.Im(e + j * es);
                    yp[2 * j] = y.Re(f + j * s);
                    yp[2 * j + 1] = y.Im(f + j * s);
                }

                for (int c = 0; ; c += w)
                {
                    if (c > last)
                    {
                        c = last;
                    }

                    TV a0r = TO.Load(xp[0] + c), a0i = TO.Load(xp[1] + c), a1r = TO.Load(xp[2] + c), a1i = TO.Load(xp[3] + c);
                    TV a2r = TO.Load(xp[4] + c), a2i = TO.Load(xp[5] + c), a3r = TO.Load(xp[6] + c), a3i = TO.Load(xp[7] + c);
                    TV a4r = TO.Load(xp[8] + c), a4i = TO.Load(xp[9] + c), a5r = TO.Load(xp[10] + c), a5i = TO.Load(xp[11] + c);
                    TV a6r = TO.Load(xp[12] + c), a6i = TO.Load(xp[13] + c), a7r = TO.Load(xp[14] + c), a7i = TO.Load(xp[15] + c);
                    TV a8r = TO.Load(xp[16] + c), a8i = TO.Load(xp[17] + c);

                    // n = 3 n1 + n2, k = k1 + 3 k2: DFT3 over n1 (into a[n2 + 3 k1]), twiddle ω9^(n2 k1), DFT3 over n2.
                    Dft3<TV, TO>(ref a0r, ref a0i, ref a3r, ref a3i, ref a6r, ref a6i);
                    Dft3<TV, TO>(ref a1r, ref a1i, ref a4r, ref a4i, ref a7r, ref a7i);
                    Dft3<TV, TO>(ref a2r, ref a2i, ref a5r, ref a5i, ref a8r, ref a8i);
                    Rot<TV, TO>(ref a4r, ref a4i, Cos40, -Sin40);   // ω9
                    Rot<TV, TO>(ref a7r, ref a7i, Cos80, -Sin80);   // ω9²
                    Rot<TV, TO>(ref a5r, ref a5i, Cos80, -Sin80);   // ω9²
                    Rot<TV, TO>(ref a8r, ref a8i, Cos160, -Sin160); // ω9⁴
                    Dft3<TV, TO>(ref a0r, ref a0i, ref a1r, ref a1i, ref a2r, ref a2i); // y0, y3, y6
                    Dft3<TV, TO>(ref a3r, ref a3i, ref a4r, ref a4i, ref a5r, ref a5i); // y1, y4, y7
                    Dft3<TV, TO>(ref a6r, ref a6i, ref a7r, ref a7i, ref a8r, ref a8i); // y2, y5, y8

                    TO.Store(yp[0] + c, a0r);
                    TO.Store(yp[1] + c, a0i);
                    Out<TV, TO>(tw, yp[2] + c, yp[3] + c, a3r, a3i, pwr, pwi, 1);
                    Out<TV, TO>(tw, yp[4] + c, yp[5] + c, a6r, a6i, pwr, pwi, 2);
                    Out<TV, TO>(tw, yp[6] + c, yp[7] + c, a1r, a1i, pwr, pwi, 3);
                    Out<TV, TO>(tw, yp[8] + c, yp[9] + c, a4r, a4i, pwr, pwi, 4);
                    Out<TV, TO>(tw, yp[10] + c, yp[11] + c, a7r, a7i, pwr, pwi, 5);
                    Out<TV, TO>(tw, yp[12] + c, yp[13] + c, a2r, a2i, pwr, pwi, 6);
                    Out<TV, TO>(tw, yp[14] + c, yp[15] + c, a5r, a5i, pwr, pwi, 7);
                    Out<TV, TO>(tw, yp[16] + c, yp[17] + c, a8r, a8i, pwr, pwi, 8);
                    if (c == last)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static void Radix12<TV, TO, TX, TY>(TX x, TY y, int m, int s, int len, double* twr, double* twi)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        const int P = 12;
        int w = TO.Width, last = len - w, es = s * m;
        double** xp = stackalloc double*[2 * P];
        double** yp = stackalloc double*[2 * P];
        for (int q = 0; q < m; q++)
        {
            bool tw = q != 0;
            double* pwr = twr + (P - 1) * q - 1, pwi = twi + (P - 1) * q - 1;
            for (int k = 0; k < s; k++)
            {
                int e = k + s * q, f = k + P * s * q;
                for (int j = 0; j < P; j++)
                {
                    xp[2 * j] = x.Re(e + j * es);
                    xp[2 * j + 1] = x.Im(e + j * es);
                    yp[2 * j] = y.Re(f + j * s);
                    yp[2 * j + 1] = y.Im(f + j * s);
                }

                for (int c = 0; ; c += w)
                {
                    if (c > last)
                    {
                        c = last;
                    }

                    TV a0r = TO.Load(xp[0] + c), a0i = TO.Load(xp[1] + c), a1r = TO.Load(xp[2] + c), a1i = TO.Load(xp[3] + c);
                    TV a2r = TO.Load(xp[4] + c), a2i = TO.Load(xp[5] + c), a3r = TO.Load(xp[6] + c), a3i = TO.Load(xp[7] + c);
                    TV a4r = TO.Load(xp[8] + c), a4i = TO.Load(xp[9] + c), a5r = TO.Load(xp[10] + c), a5i = TO.Load(xp[11] + c);
                    TV a6r = TO.Load(xp[12] + c), a6i = TO.Load(xp[13] + c), a7r = TO.Load(xp[14] + c), a7i = TO.Load(xp[15] + c);
                    TV a8r = TO.Load(xp[16] + c), a8i = TO.Load(xp[17] + c), a9r = TO.Load(xp[18] + c), a9i = TO.Load(xp[19] + c);
                    TV a10r = TO.Load(xp[20] + c), a10i = TO.Load(xp[21] + c);
                    TV a11r = TO.Load(xp[22] + c), a11i = TO.Load(xp[23] + c);

                    // n = 3 n1 + n2, k = k1 + 4 k2: DFT4 over n1 (into a[n2 + 3 k1]), twiddle ω12^(n2 k1), DFT3 over n2.
                    Dft4<TV, TO>(ref a0r, ref a0i, ref a3r, ref a3i, ref a6r, ref a6i, ref a9r, ref a9i);
                    Dft4<TV, TO>(ref a1r, ref a1i, ref a4r, ref a4i, ref a7r, ref a7i, ref a10r, ref a10i);
                    Dft4<TV, TO>(ref a2r, ref a2i, ref a5r, ref a5i, ref a8r, ref a8i, ref a11r, ref a11i);
                    Rot<TV, TO>(ref a4r, ref a4i, Sin60, -0.5);   // ω12
                    Rot<TV, TO>(ref a7r, ref a7i, 0.5, -Sin60);   // ω12²
                    RotM90<TV, TO>(ref a10r, ref a10i);                    // ω12³ = −i
                    Rot<TV, TO>(ref a5r, ref a5i, 0.5, -Sin60);   // ω12²
                    Rot<TV, TO>(ref a8r, ref a8i, -0.5, -Sin60);  // ω12⁴
                    a11r = TO.Neg(a11r);                            // ω12⁶ = −1
                    a11i = TO.Neg(a11i);
                    Dft3<TV, TO>(ref a0r, ref a0i, ref a1r, ref a1i, ref a2r, ref a2i);    // y0, y4, y8
                    Dft3<TV, TO>(ref a3r, ref a3i, ref a4r, ref a4i, ref a5r, ref a5i);    // y1, y5, y9
                    Dft3<TV, TO>(ref a6r, ref a6i, ref a7r, ref a7i, ref a8r, ref a8i);    // y2, y6, y10
                    Dft3<TV, TO>(ref a9r, ref a9i, ref a10r, ref a10i, ref a11r, ref a11i); // y3, y7, y11

                    TO.Store(yp[0] + c, a0r);
                    TO.Store(yp[1] + c, a0i);
                    Out<TV, TO>(tw, yp[2] + c, yp[3] + c, a3r, a3i, pwr, pwi, 1);
                    Out<TV, TO>(tw, yp[4] + c, yp[5] + c, a6r, a6i, pwr, pwi, 2);
                    Out<TV, TO>(tw, yp[6] + c, yp[7] + c, a9r, a9i, pwr, pwi, 3);
                    Out<TV, TO>(tw, yp[8] + c, yp[9] + c, a1r, a1i, pwr, pwi, 4);
                    Out<TV, TO>(tw, yp[10] + c, yp[11] + c, a4r, a4i, pwr, pwi, 5);
                    Out<TV, TO>(tw, yp[12] + c, yp[13] + c, a7r, a7i, pwr, pwi, 6);
                    Out<TV, TO>(tw, yp[14] + c, yp[15] + c, a10r, a10i, pwr, pwi, 7);
                    Out<TV, TO>(tw, yp[16] + c, yp[17] + c, a2r, a2i, pwr, pwi, 8);
                    Out<TV, TO>(tw, yp[18] + c, yp[19] + c, a5r, a5i, pwr, pwi, 9);
                    Out<TV, TO>(tw, yp[20] + c, yp[21] + c, a8r, a8i, pwr, pwi, 10);
                    Out<TV, TO>(tw, yp[22] + c, yp[23] + c, a11r, a11i, pwr, pwi, 11);
                    if (c == last)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static void Radix16<TV, TO, TX, TY>(TX x, TY y, int m, int s, int len, double* twr, double* twi)
        where TV : unmanaged
        where TO : unmanaged, IVecOps<TV>
        where TX : unmanaged, IRows
        where TY : unmanaged, IRows
    {
        const int P = 16;
        int w = TO.Width, last = len - w, es = s * m;
        double** xp = stackalloc double*[2 * P];
        double** yp = stackalloc double*[2 * P];
        for (int q = 0; q < m; q++)
        {
            bool tw = q != 0;
            double* pwr = twr + (P - 1) * q - 1, pwi = twi + (P - 1) * q - 1;
            for (int k = 0; k < s; k++)
            {
                int e = k + s * q, f = k + P * s * q;
                for (int j = 0; j < P; j++)
                {
                    xp[2 * j] = x.Re(e + j * es);
                    xp[2 * j + 1] = x.Im(e + j * es);
                    yp[2 * j] = y.Re(f + j * s);
                    yp[2 * j + 1] = y.Im(f + j * s);
                }

                for (int c = 0; ; c += w)
                {
                    if (c > last)
                    {
                        c = last;
                    }

                    TV a0r = TO.Load(xp[0] + c), a0i = TO.Load(xp[1] + c), a1r = TO.Load(xp[2] + c), a1i = TO.Load(xp[3] + c);
                    TV a2r = TO.Load(xp[4] + c), a2i = TO.Load(xp[5] + c), a3r = TO.Load(xp[6] + c), a3i = TO.Load(xp[7] + c);
                    TV a4r = TO.Load(xp[8] + c), a4i = TO.Load(xp[9] + c), a5r = TO.Load(xp[10] + c), a5i = TO.Load(xp[11] + c);
                    TV a6r = TO.Load(xp[12] + c), a6i = TO.Load(xp[13] + c), a7r = TO.Load(xp[14] + c), a7i = TO.Load(xp[15] + c);
                    TV a8r = TO.Load(xp[16] + c), a8i = TO.Load(xp[17] + c), a9r = TO.Load(xp[18] + c), a9i = TO.Load(xp[19] + c);
                    TV a10r = TO.Load(xp[20] + c), a10i = TO.Load(xp[21] + c), a11r = TO.Load(xp[22] + c), a11i = TO.Load(xp[23] + c);
                    TV a12r = TO.Load(xp[24] + c), a12i = TO.Load(xp[25] + c), a13r = TO.Load(xp[26] + c), a13i = TO.Load(xp[27] + c);
                    TV a14r = TO.Load(xp[28] + c), a14i = TO.Load(xp[29] + c), a15r = TO.Load(xp[30] + c), a15i = TO.Load(xp[31] + c);

                    // n = 4 n1 + n2, k = k1 + 4 k2: DFT4 over n1 (into a[n2 + 4 k1]), twiddle ω16^(n2 k1), DFT4 over n2.
                    Dft4<TV, TO>(ref a0r, ref a0i, ref a4r, ref a4i, ref a8r, ref a8i, ref a12r, ref a12i);
                    Dft4<TV, TO>(ref a1r, ref a1i, ref a5r, ref a5i, ref a9r, ref a9i, ref a13r, ref a13i);
                    Dft4<TV, TO>(ref a2r, ref a2i, ref a6r, ref a6i, ref a10r, ref a10i, ref a14r, ref a14i);
                    Dft4<TV, TO>(ref a3r, ref a3i, ref a7r, ref a7i, ref a11r, ref a11i, ref a15r, ref a15i);
                    Rot<TV, TO>(ref a5r, ref a5i, Cos16, -Sin16);   // ω16
                    RotM45<TV, TO>(ref a9r, ref a9i);                // ω16²
                    Rot<TV, TO>(ref a13r, ref a13i, Sin16, -Cos16); // ω16³
                    RotM45<TV, TO>(ref a6r, ref a6i);                // ω16²
                    RotM90<TV, TO>(ref a10r, ref a10i);                      // ω16⁴
                    RotM135<TV, TO>(ref a14r, ref a14i);             // ω16⁶
                    Rot<TV, TO>(ref a7r, ref a7i, Sin16, -Cos16);   // ω16³
                    RotM135<TV, TO>(ref a11r, ref a11i);             // ω16⁶
                    Rot<TV, TO>(ref a15r, ref a15i, -Cos16, Sin16); // ω16⁹
                    Dft4<TV, TO>(ref a0r, ref a0i, ref a1r, ref a1i, ref a2r, ref a2i, ref a3r, ref a3i);         // y0, 4, 8, 12
                    Dft4<TV, TO>(ref a4r, ref a4i, ref a5r, ref a5i, ref a6r, ref a6i, ref a7r, ref a7i);         // y1, 5, 9, 13
                    Dft4<TV, TO>(ref a8r, ref a8i, ref a9r, ref a9i, ref a10r, ref a10i, ref a11r, ref a11i);     // y2, 6, 10, 14
                    Dft4<TV, TO>(ref a12r, ref a12i, ref a13r, ref a13i, ref a14r, ref a14i, ref a15r, ref a15i); // y3, 7, 11, 15

                    TO.Store(yp[0] + c, a0r);
                    TO.Store(yp[1] + c, a0i);
                    Out<TV, TO>(tw, yp[2] + c, yp[3] + c, a4r, a4i, pwr, pwi, 1);
                    Out<TV, TO>(tw, yp[4] + c, yp[5] + c, a8r, a8i, pwr, pwi, 2);
                    Out<TV, TO>(tw, yp[6] + c, yp[7] + c, a12r, a12i, pwr, pwi, 3);
                    Out<TV, TO>(tw, yp[8] + c, yp[9] + c, a1r, a1i, pwr, pwi, 4);
                    Out<TV, TO>(tw, yp[10] + c, yp[11] + c, a5r, a5i, pwr, pwi, 5);
                    Out<TV, TO>(tw, yp[12] + c, yp[13] + c, a9r, a9i, pwr, pwi, 6);
                    Out<TV, TO>(tw, yp[14] + c, yp[15] + c, a13r, a13i, pwr, pwi, 7);
                    Out<TV, TO>(tw, yp[16] + c, yp[17] + c, a2r, a2i, pwr, pwi, 8);
                    Out<TV, TO>(tw, yp[18] + c, yp[19] + c, a6r, a6i, pwr, pwi, 9);
                    Out<TV, TO>(tw, yp[20] + c, yp[21] + c, a10r, a10i, pwr, pwi, 10);
                    Out<TV, TO>(tw, yp[22] + c, yp[23] + c, a14r, a14i, pwr, pwi, 11);
                    Out<TV, TO>(tw, yp[24] + c, yp[25] + c, a3r, a3i, pwr, pwi, 12);
                    Out<TV, TO>(tw, yp[26] + c, yp[27] + c, a7r, a7i, pwr, pwi, 13);
                    Out<TV, TO>(tw, yp[28] + c, yp[29] + c, a11r, a11i, pwr, pwi, 14);
                    Out<TV, TO>(tw, yp[30] + c, yp[31] + c, a15r, a15i, pwr, pwi, 15);
                    if (c == last)
                    {
                        break;
                    }
                }
            }
        }
    }
}
