using System.Runtime.CompilerServices;

namespace Science.Numerics.Fft;

/// <summary>
/// A planned 1-D real FFT of length <see cref="N"/> with NumPy semantics: <see cref="Forward"/> is <c>numpy.fft.rfft</c>
/// (n real values → n/2 + 1 complex coefficients X_k = Σ_j x_j e^{−2πi jk/n}, unnormalised) and <see cref="Inverse"/>
/// is <c>numpy.fft.irfft</c> (x_j = (1/n) Σ_k X_k e^{+2πi jk/n} over the Hermitian extension, the imaginary parts of
/// the DC coefficient and, for even n, of the Nyquist coefficient ignored). Coefficients are split into separate real
/// and imaginary spans.
/// </summary>
/// <remarks>
/// <para>Even n: the n real values are packed as n/2 complex values z_j = x_{2j} + i x_{2j+1}, transformed with one
/// complex FFT of length n/2 (<see cref="BatchedStockhamFft"/>, batch 1) and separated with exactly reduced twiddles.
/// Odd n: one complex FFT of length n. All buffers are allocated (pinned) by the constructor; the transforms allocate
/// nothing. One instance serves one thread at a time.</para>
/// </remarks>
public sealed unsafe class RealFft1D
{
    private readonly BatchedStockhamFft? _fft; // length M (n/2 for even n, n for odd n); null when M = 1
    private readonly int _m;
    private readonly bool _even;
    private readonly double[] _inR, _inI, _outR, _outI, _aR, _aI, _bR, _bI, _wR, _wI;

    /// <summary>Plans transforms of length <paramref name="n"/> ≥ 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> &lt; 2.</exception>
    public RealFft1D(int n)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), n, "the transform length n must be at least 2");
        N = n;
        _even = n % 2 == 0;
        _m = _even ? n / 2 : n;
        if (_m > 1) _fft = new BatchedStockhamFft(_m);
        _inR = Pinned(_m); _inI = Pinned(_m); _outR = Pinned(_m); _outI = Pinned(_m);
        _aR = Pinned(_m); _aI = Pinned(_m); _bR = Pinned(_m); _bI = Pinned(_m);
        // Separation twiddles w^k = exp(−2πi k / n), k = 0 … n/2 (even n only).
        int h = n / 2;
        _wR = new double[h + 1];
        _wI = new double[h + 1];
        for (int k = 0; k <= h; k++)
        {
            (double c, double s) = BatchedStockhamFft.CosSin2Pi(k, n);
            _wR[k] = c;
            _wI[k] = -s;
        }
    }

    /// <summary>Transform length n (number of real values).</summary>
    public int N { get; }

    /// <summary>Number of complex coefficients, n/2 + 1 (integer division).</summary>
    public int SpectrumLength => N / 2 + 1;

    /// <summary>
    /// rfft: X_k = Σ_j x_j e^{−2πi jk/n} for k = 0 … n/2, unnormalised, into (<paramref name="re"/>,
    /// <paramref name="im"/>), each of length <see cref="SpectrumLength"/>. The input is not modified and may not
    /// overlap the outputs.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong lengths.</exception>
    public void Forward(ReadOnlySpan<double> x, Span<double> re, Span<double> im)
    {
        if (x.Length != N) throw new ArgumentException($"x must have n = {N} values; got {x.Length}", nameof(x));
        CheckSpectrum(re, im);
        if (!_even)
        {
            x.CopyTo(_inR);
            Array.Clear(_inI);
            Complex(_inR, _inI, _outR, _outI);
            _outR.AsSpan(0, SpectrumLength).CopyTo(re);
            _outI.AsSpan(0, SpectrumLength).CopyTo(im);
            return;
        }

        int h = _m;
        for (int j = 0; j < h; j++)
        {
            _inR[j] = x[2 * j];
            _inI[j] = x[2 * j + 1];
        }
        Complex(_inR, _inI, _outR, _outI);
        // X_k = E_k + w^k O_k with E_k = (Z_k + conj Z_{h−k})/2, O_k = (Z_k − conj Z_{h−k})/(2i), Z_h = Z_0.
        for (int k = 0; k <= h; k++)
        {
            int k1 = k == h ? 0 : k, k2 = k == 0 ? 0 : h - k;
            double a = _outR[k1], b = _outI[k1], c = _outR[k2], d = _outI[k2];
            double er = 0.5 * (a + c), ei = 0.5 * (b - d);
            double or = 0.5 * (b + d), oi = 0.5 * (c - a);
            double wr = _wR[k], wi = _wI[k];
            re[k] = er + (wr * or - wi * oi);
            im[k] = ei + (wr * oi + wi * or);
        }
    }

    /// <summary>
    /// irfft: x_j = (1/n) Σ_k X_k e^{+2πi jk/n} over the Hermitian extension of (<paramref name="re"/>,
    /// <paramref name="im"/>) (length <see cref="SpectrumLength"/> each), into <paramref name="x"/> (length n). The
    /// imaginary parts of X_0 and, for even n, of X_{n/2} are ignored (as NumPy does). The inputs are not modified.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong lengths.</exception>
    public void Inverse(ReadOnlySpan<double> re, ReadOnlySpan<double> im, Span<double> x)
    {
        if (x.Length != N) throw new ArgumentException($"x must have n = {N} values; got {x.Length}", nameof(x));
        CheckSpectrum(re, im);
        double scale = 1.0 / N;
        if (!_even)
        {
            // Full Hermitian spectrum, inverse via the re/im swap: IDFT(Z) = swap(DFT(swap(Z))).
            int half = N / 2;
            _inI[0] = re[0];
            _inR[0] = 0;
            for (int k = 1; k <= half; k++)
            {
                _inI[k] = re[k];
                _inR[k] = im[k];
                _inI[N - k] = re[k];
                _inR[N - k] = -im[k];
            }
            Complex(_inR, _inI, _outI, _outR);
            for (int j = 0; j < N; j++) x[j] = _outR[j] * scale;
            return;
        }

        int h = _m;
        // Z_k = E_k + i O_k with E_k = (X_k + conj X_{h−k})/2, O_k = (X_k − conj X_{h−k}) conj(w^k)/2; stored swapped.
        {
            double x0 = re[0], xh = re[h];
            _inI[0] = 0.5 * (x0 + xh);
            _inR[0] = 0.5 * (x0 - xh);
        }
        for (int k = 1; k < h; k++)
        {
            double a = re[k], b = im[k], c = re[h - k], d = im[h - k];
            double er = 0.5 * (a + c), ei = 0.5 * (b - d);
            double dr = 0.5 * (a - c), di = 0.5 * (b + d);
            double wr = _wR[k], wi = -_wI[k];
            double or = dr * wr - di * wi, oi = dr * wi + di * wr;
            _inI[k] = er - oi;
            _inR[k] = ei + or;
        }
        Complex(_inR, _inI, _outI, _outR);
        // The unnormalised inverse of length h, divided by h, gives the even/odd samples; 1/h·… = 2/n·…, and the
        // factors ½ above make it 1/n overall.
        double s2 = 2.0 * scale;
        for (int j = 0; j < h; j++)
        {
            x[2 * j] = _outR[j] * s2;
            x[2 * j + 1] = _outI[j] * s2;
        }
    }

    private void CheckSpectrum(ReadOnlySpan<double> re, ReadOnlySpan<double> im)
    {
        if (re.Length != SpectrumLength) throw new ArgumentException($"the real parts must have n/2 + 1 = {SpectrumLength} values; got {re.Length}", nameof(re));
        if (im.Length != SpectrumLength) throw new ArgumentException($"the imaginary parts must have n/2 + 1 = {SpectrumLength} values; got {im.Length}", nameof(im));
    }

    /// <summary>Forward complex DFT of length M from (sr, si) into (dr, di); distinct pinned buffers.</summary>
    private void Complex(double[] sr, double[] si, double[] dr, double[] di)
    {
        if (_fft is null)
        {
            dr[0] = sr[0];
            di[0] = si[0];
            return;
        }
        double* psr = (double*)Unsafe.AsPointer(ref sr[0]), psi = (double*)Unsafe.AsPointer(ref si[0]);
        double* pdr = (double*)Unsafe.AsPointer(ref dr[0]), pdi = (double*)Unsafe.AsPointer(ref di[0]);
        double* ar = (double*)Unsafe.AsPointer(ref _aR[0]), ai = (double*)Unsafe.AsPointer(ref _aI[0]);
        double* br = (double*)Unsafe.AsPointer(ref _bR[0]), bi = (double*)Unsafe.AsPointer(ref _bI[0]);
        _fft.Execute(new StridedRows(psr, psi, 1), new StridedRows(pdr, pdi, 1), true, 1, 1, ar, ai, br, bi);
    }

    private static double[] Pinned(int length) => GC.AllocateArray<double>(length, pinned: true);
}
