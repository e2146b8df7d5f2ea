using Science.Numerics.Fft;
using System.Numerics;
using System.Numerics.Tensors;

namespace Science.QgModel.Spectral;

/// <summary>
/// The spectral toolbox of one grid: transforms, derivatives, the 3/2-rule de-aliased product and Jacobian
/// (spec §3.1), and the two-layer PV inversion (spec §2.4). Owns its FFT plans and scratch buffers, so an instance
/// serves one thread; create one per thread or ensemble member. Nothing here allocates after construction.
/// </summary>
public sealed class QgSpectral : IDisposable
{
    private readonly IRealFft2D _fft;
    private readonly IRealFft2D _padded;
    private readonly double[] _padA, _padB, _padC, _padD, _grid;
    private readonly SpectralField _t1, _t2, _t3, _t4;
    private readonly double[] _kx, _ly, _kxPlusLy, _minusK2, _btScale, _bcScale;

    /// <summary>Creates the toolbox for <paramref name="grid"/> with the chosen FFT backend.</summary>
    public QgSpectral(Grid grid, FftBackendKind backend = FftBackendKind.Auto)
    {
        Grid = grid;
        _fft = RealFft2D.Create(grid.Ny, grid.Nx, backend);
        _padded = RealFft2D.Create(grid.PaddedNy, grid.PaddedNx, backend);
        int padSize = _padded.NativeLength;
        _grid = new double[grid.RealSize];
        _padA = new double[padSize]; _padB = new double[padSize];
        _padC = new double[padSize]; _padD = new double[padSize];
        _t1 = new SpectralField(grid); _t2 = new SpectralField(grid);
        _t3 = new SpectralField(grid); _t4 = new SpectralField(grid);

        // Operators as flat arrays over the spectral grid, so every operator is one vectorised pass.
        int size = grid.SpectralSize;
        _kx = new double[size]; _ly = new double[size]; _kxPlusLy = new double[size]; _minusK2 = new double[size];
        _btScale = new double[size]; _bcScale = new double[size];
        for (int n = 0; n < grid.Ny; n++)
            for (int m = 0; m < grid.Nk; m++)
            {
                int s = n * grid.Nk + m;
                _kx[s] = grid.K[m];
                _ly[s] = grid.L[n];
                _kxPlusLy[s] = grid.K[m] + grid.L[n];
                _minusK2[s] = -grid.KSquared[s];
                _btScale[s] = s == 0 ? 0.0 : -1.0 / (2 * grid.KSquared[s]);
                _bcScale[s] = -1.0 / (2 * (grid.KSquared[s] + 2));
            }
    }

    /// <summary>The grid.</summary>
    public Grid Grid { get; }

    /// <summary>The FFT backend in use ("managed" or "fftw").</summary>
    public string Backend => _fft.Backend;

    /// <summary>rfft2 of a real field (unnormalised).</summary>
    public void Forward(ReadOnlySpan<double> real, SpectralField hat) => _fft.Forward(real, hat.Re, hat.Im);

    /// <summary>irfft2 of a spectral field (1/(Nx·Ny)).</summary>
    public void Inverse(SpectralField hat, Span<double> real) => _fft.Inverse(hat.Re, hat.Im, real);

    /// <summary>
    /// The spectrum of w(y)·(f − ⟨f⟩ₓ) for f = irfft2(<paramref name="a"/>): the eddy (zonal-mean-free) part of f
    /// weighted by a meridional profile (<paramref name="weight"/> at the Ny rows), e.g. the sponge −s(y)(q − ⟨q⟩ₓ).
    /// Equal to the grid-space product to round-off; the k = 0 column may be exactly zero.
    /// </summary>
    public void WeightedEddies(SpectralField a, ReadOnlySpan<double> weight, SpectralField result) =>
        _fft.WeightedEddySpectrum(a.Re, a.Im, weight, result.Re, result.Im, _grid);

    /// <summary>out = i k · a (∂x).</summary>
    public void Dx(SpectralField a, SpectralField result) => MultiplyByI(a, result, _kx);

    /// <summary>out = i l · a (∂y; the y-Nyquist row uses NumPy's negative l).</summary>
    public void Dy(SpectralField a, SpectralField result) => MultiplyByI(a, result, _ly);

    /// <summary>out = i (k + l) · a: the reference's "grad", whose inverse is ∂x + ∂y (a sum, not a vector).</summary>
    public void DxPlusDy(SpectralField a, SpectralField result) => MultiplyByI(a, result, _kxPlusLy);

    /// <summary>out = −(k² + l²) · a (∇²).</summary>
    public void Laplacian(SpectralField a, SpectralField result)
    {
        TensorPrimitives.Multiply<double>(a.Re, _minusK2, result.Re);
        TensorPrimitives.Multiply<double>(a.Im, _minusK2, result.Im);
    }

    /// <summary>
    /// The de-aliased quadratic product P(Â, B̂) of spec §3.1: both fields are zero-padded to the 3/2 grid
    /// (y-Nyquist row to padded row 3Ny/2 − Ny/2, x-Nyquist column kept as an interior column), multiplied in grid
    /// space, transformed back, scaled by 9/4 and truncated.
    /// </summary>
    public void DealiasedProduct(SpectralField a, SpectralField b, SpectralField result)
    {
        int ny = Grid.Ny, nk = Grid.Nk;
        _padded.InverseFromSmallerNative(a.Re, a.Im, ny, nk, _padA);
        _padded.InverseFromSmallerNative(b.Re, b.Im, ny, nk, _padB);
        TensorPrimitives.Multiply<double>(_padA, _padB, _padA);
        _padded.ForwardToSmallerNative(_padA, result.Re, result.Im, ny, nk);
        Scale(result, 9.0 / 4.0);
    }

    /// <summary>
    /// Ĵ(ψ, Q) = P(ikψ̂, ilQ̂) − P(ilψ̂, ikQ̂), the de-aliased Jacobian ∂xψ ∂yQ − ∂yψ ∂xQ (spec §2.5). The two
    /// products share one forward transform (they are summed in grid space), which equals the reference's
    /// difference of two products to round-off.
    /// </summary>
    public void Jacobian(SpectralField psi, SpectralField q, SpectralField result)
    {
        // One derivative at a time through one scratch spectrum, which stays in cache for its transform.
        PaddedDerivative(psi, _kx, _padA);
        PaddedDerivative(q, _ly, _padB);
        PaddedDerivative(psi, _ly, _padC);
        PaddedDerivative(q, _kx, _padD);
        CrossProduct(_padA, _padB, _padC, _padD);
        _padded.ForwardToSmallerNative(_padA, result.Re, result.Im, Grid.Ny, Grid.Nk);
        Scale(result, 9.0 / 4.0);
    }

    // i w a zero-padded to the 3/2 grid, in the padded transform's native layout.
    private void PaddedDerivative(SpectralField a, double[] w, double[] native)
    {
        MultiplyByI(a, _t1, w);
        _padded.InverseFromSmallerNative(_t1.Re, _t1.Im, Grid.Ny, Grid.Nk, native);
    }

    /// <summary>
    /// Two-layer PV inversion (spec §2.4) from the relative-plus-stretching vorticities ζ̂1, ζ̂2 to ψ̂1, ψ̂2:
    /// ψ̂_bt = −(ζ̂1 + ζ̂2)/(2K²) with ψ̂_bt[0,0] = 0, ψ̂_bc = −(ζ̂1 − ζ̂2)/(2(K² + 2)) with the mean kept.
    /// </summary>
    public void Invert(SpectralField zeta1, SpectralField zeta2, SpectralField psi1, SpectralField psi2)
    {
        InvertPart(zeta1.Re, zeta2.Re, psi1.Re, psi2.Re);
        InvertPart(zeta1.Im, zeta2.Im, psi1.Im, psi2.Im);
    }

    /// <summary>
    /// ψ̂1, ψ̂2 from the spectral PV of both layers (spec §2.4): ζ̂1 = P(q̂1) − b̂, ζ̂2 = P(q̂2) − b̂ [− R̂], where P is
    /// <see cref="ProjectToReal"/> and b̂ the spectrum of the part of q that is not vorticity (e.g. the βy ramp), then
    /// <see cref="Invert"/>; in one pass, rounded exactly as those steps done one after the other. The PV is not
    /// modified; ψ̂1 and ψ̂2 must not be the same fields as q̂1 or q̂2.
    /// </summary>
    public void InvertPv(SpectralField q1, SpectralField q2, SpectralField background, SpectralField? topography,
        SpectralField psi1, SpectralField psi2)
    {
        InvertPvPart(q1.Re, q2.Re, background.Re, topography?.Re, psi1.Re, psi2.Re);
        InvertPvPart(q1.Im, q2.Im, background.Im, topography?.Im, psi1.Im, psi2.Im);
        // The self-conjugate columns k = 0 and k = Nx/2 again, from the projected PV.
        int ny = Grid.Ny, nk = Grid.Nk;
        foreach (int m in (ReadOnlySpan<int>)[0, Grid.Nx / 2])
            for (int n = 0; n <= ny / 2; n++)
            {
                int s = n * nk + m, t = (ny - n) % ny * nk + m;
                double re1 = 0.5 * (q1.Re[s] + q1.Re[t]), im1 = 0.5 * (q1.Im[s] - q1.Im[t]);
                double re2 = 0.5 * (q2.Re[s] + q2.Re[t]), im2 = 0.5 * (q2.Im[s] - q2.Im[t]);
                InvertPvAt(s, re1, re2, background.Re, topography?.Re, psi1.Re, psi2.Re);
                InvertPvAt(s, im1, im2, background.Im, topography?.Im, psi1.Im, psi2.Im);
                InvertPvAt(t, re1, re2, background.Re, topography?.Re, psi1.Re, psi2.Re);
                InvertPvAt(t, -im1, -im2, background.Im, topography?.Im, psi1.Im, psi2.Im);
            }
    }

    /// <summary>
    /// ζ̂ of both layers from ψ̂ (spec §2.3): ζ̂1 = ∇²ψ̂1 − (ψ̂1 − ψ̂2), ζ̂2 = ∇²ψ̂2 + (ψ̂1 − ψ̂2).
    /// </summary>
    public void VorticityFromPsi(SpectralField psi1, SpectralField psi2, SpectralField zeta1, SpectralField zeta2)
    {
        var k2 = Grid.KSquared;
        for (int s = 0; s < k2.Length; s++)
        {
            double lap = -k2[s];
            double dRe = psi1.Re[s] - psi2.Re[s], dIm = psi1.Im[s] - psi2.Im[s];
            zeta1.Re[s] = lap * psi1.Re[s] - dRe; zeta1.Im[s] = lap * psi1.Im[s] - dIm;
            zeta2.Re[s] = lap * psi2.Re[s] + dRe; zeta2.Im[s] = lap * psi2.Im[s] + dIm;
        }
    }

    /// <summary>
    /// Total PV of both layers from ψ (spec §2.3): q1 = irfft2(∇²ψ̂1 − (ψ̂1 − ψ̂2)) + βy,
    /// q2 = irfft2(∇²ψ̂2 + (ψ̂1 − ψ̂2)) + βy + R. Arrays are <c>[layer, y, x]</c>; <paramref name="topography"/> may be null.
    /// </summary>
    public void PvFromPsi(ReadOnlySpan<double> psi, double beta, ReadOnlySpan<double> topography, Span<double> q)
    {
        int n = Grid.RealSize, nx = Grid.Nx;
        Forward(psi[..n], _t1);
        Forward(psi.Slice(n, n), _t2);
        VorticityFromPsi(_t1, _t2, _t3, _t4);
        Inverse(_t3, q[..n]);
        Inverse(_t4, q.Slice(n, n));
        var y = Grid.Y;
        for (int layer = 0; layer < 2; layer++)
        {
            var ql = q.Slice(layer * n, n);
            for (int j = 0; j < Grid.Ny; j++)
            {
                double by = beta * y[j];
                var row = ql.Slice(j * nx, nx);
                for (int i = 0; i < nx; i++) row[i] += by;
            }
        }
        if (!topography.IsEmpty)
        {
            var q2 = q.Slice(n, n);
            for (int p = 0; p < n; p++) q2[p] += topography[p];
        }
    }

    /// <summary>
    /// Projects a half spectrum onto the spectra of real fields, in place: rfft2(irfft2(a)). The k = 0 and Nyquist
    /// columns become Hermitian in l, a[n] ← (a[n] + conj a[−n])/2; every other column is unchanged. This is exactly
    /// what a round trip through grid space does (irfft2 ignores the anti-Hermitian part), without the two transforms.
    /// </summary>
    public void ProjectToReal(SpectralField a)
    {
        int ny = Grid.Ny, nk = Grid.Nk;
        foreach (int m in (ReadOnlySpan<int>)[0, Grid.Nx / 2])
            for (int n = 0; n <= ny / 2; n++)
            {
                int mirror = (ny - n) % ny;
                int s = n * nk + m, t = mirror * nk + m;
                double re = 0.5 * (a.Re[s] + a.Re[t]), im = 0.5 * (a.Im[s] - a.Im[t]);
                a.Re[s] = re; a.Im[s] = im;
                a.Re[t] = re; a.Im[t] = -im;
            }
    }

    /// <summary>Multiplies a field by a real scalar in place.</summary>
    public static void Scale(SpectralField a, double factor)
    {
        TensorPrimitives.Multiply<double>(a.Re, factor, a.Re);
        TensorPrimitives.Multiply<double>(a.Im, factor, a.Im);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _fft.Dispose();
        _padded.Dispose();
    }

    // result = i w a for a real multiplier w per coefficient.
    private static void MultiplyByI(SpectralField a, SpectralField result, double[] w)
    {
        // Read a.Re before writing result.Im, so that result may alias a.
        var re = a.Re.AsSpan(); var im = a.Im.AsSpan();
        var rRe = result.Re.AsSpan(); var rIm = result.Im.AsSpan();
        int i = 0, width = Vector<double>.Count;
        for (; i <= w.Length - width; i += width)
        {
            var vw = new Vector<double>(w, i);
            var vre = new Vector<double>(re[i..]);
            var vim = new Vector<double>(im[i..]);
            (-vw * vim).CopyTo(rRe[i..]);
            (vw * vre).CopyTo(rIm[i..]);
        }
        for (; i < w.Length; i++)
        {
            double x = re[i], y = im[i];
            rRe[i] = -w[i] * y;
            rIm[i] = w[i] * x;
        }
    }

    // a ← a·b − c·d point by point (rounded as the separate products and difference: no fused multiply-add).
    private static void CrossProduct(double[] a, double[] b, double[] c, double[] d)
    {
        int i = 0, width = Vector<double>.Count;
        for (; i <= a.Length - width; i += width)
        {
            var ab = new Vector<double>(a, i) * new Vector<double>(b, i);
            var cd = new Vector<double>(c, i) * new Vector<double>(d, i);
            (ab - cd).CopyTo(a, i);
        }
        for (; i < a.Length; i++) a[i] = a[i] * b[i] - c[i] * d[i];
    }

    // One part of ψ̂1, ψ̂2 from q̂1, q̂2: ζ1 = q1 − b, ζ2 = q2 − b [− r], then as InvertPart.
    private void InvertPvPart(double[] q1, double[] q2, double[] b, double[]? r, double[] p1, double[] p2)
    {
        int i = 0, width = Vector<double>.Count;
        for (; i <= q1.Length - width; i += width)
        {
            var vb = new Vector<double>(b, i);
            var z1 = new Vector<double>(q1, i) - vb;
            var z2 = new Vector<double>(q2, i) - vb;
            if (r is not null) z2 -= new Vector<double>(r, i);
            var bt = (z1 + z2) * new Vector<double>(_btScale, i);
            var bc = (z1 - z2) * new Vector<double>(_bcScale, i);
            (bt + bc).CopyTo(p1, i);
            (bt - bc).CopyTo(p2, i);
        }
        for (; i < q1.Length; i++) InvertPvAt(i, q1[i], q2[i], b, r, p1, p2);
    }

    // Coefficient s of one part of ψ̂1, ψ̂2 from the PV values q1, q2 there.
    private void InvertPvAt(int s, double q1, double q2, double[] b, double[]? r, double[] p1, double[] p2)
    {
        double z1 = q1 - b[s], z2 = q2 - b[s];
        if (r is not null) z2 -= r[s];
        double bt = (z1 + z2) * _btScale[s], bc = (z1 - z2) * _bcScale[s];
        p1[s] = bt + bc;
        p2[s] = bt - bc;
    }

    // ψ1 = bt + bc, ψ2 = bt − bc with bt = (ζ1 + ζ2)·btScale, bc = (ζ1 − ζ2)·bcScale, on one part (re or im).
    private void InvertPart(double[] z1, double[] z2, double[] p1, double[] p2)
    {
        int i = 0, width = Vector<double>.Count;
        for (; i <= z1.Length - width; i += width)
        {
            var a = new Vector<double>(z1, i); var b = new Vector<double>(z2, i);
            var bt = (a + b) * new Vector<double>(_btScale, i);
            var bc = (a - b) * new Vector<double>(_bcScale, i);
            (bt + bc).CopyTo(p1, i);
            (bt - bc).CopyTo(p2, i);
        }
        for (; i < z1.Length; i++)
        {
            double bt = (z1[i] + z2[i]) * _btScale[i], bc = (z1[i] - z2[i]) * _bcScale[i];
            p1[i] = bt + bc;
            p2[i] = bt - bc;
        }
    }
}
