using System.Numerics.Tensors;
using Science.Numerics.Fft;

namespace Science.Models.Ks;

/// <summary>
/// The spectral Kuramoto–Sivashinsky operator: û_t = 𝓛 û + 𝓝(û) on the n/2 + 1 rfft coefficients
/// (<see cref="RealFft1D"/>, NumPy conventions, unnormalised forward). Wavenumbers κ_k = 2π k/L for k = 0 … n/2 − 1,
/// and κ_{n/2} = 0: the Nyquist entry is set to 0 as DAPPER does (so the Nyquist coefficient is neither
/// differentiated nor damped, and is carried unchanged). 𝓛 = λ1κ² − λ2κ⁴ (+ iλ3κ³ for the "+u_xxx" variant);
/// 𝓝(û) = −½λ0 iκ · rfft(u²) with u = irfft(û) (u² + λ3u³ for the "+u³ in the flux" variant). No de-aliasing (as
/// DAPPER and MEDIDA). Holds its buffers and FFT plan; one instance per thread.
/// </summary>
public sealed class KsOperator
{
    private readonly RealFft1D _fft;
    private readonly double[] _kappa, _lr, _li, _g, _ng;
    private readonly double[] _u, _w, _t, _wr, _wi;
    private readonly bool _cubic;
    private readonly double _lambda3;

    /// <summary>The operator of <paramref name="parameters"/> (validated).</summary>
    public KsOperator(KsParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.Validate();
        int n = parameters.N, k = n / 2 + 1;
        _fft = new RealFft1D(n);
        _kappa = new double[k];
        _lr = new double[k];
        _li = new double[k];
        _g = new double[k];
        _ng = new double[k];
        bool uxxx = parameters.ExtraTerm == KsExtraTerm.Uxxx;
        for (int j = 0; j < k; j++)
        {
            double kap = j < n / 2 ? 2 * Math.PI * j / parameters.Length : 0.0;
            double k2 = kap * kap;
            _kappa[j] = kap;
            _lr[j] = parameters.Lambda1 * k2 - parameters.Lambda2 * k2 * k2;
            _li[j] = uxxx ? parameters.Lambda3 * k2 * kap : 0.0;
            _g[j] = 0.5 * parameters.Lambda0 * kap;
            _ng[j] = -_g[j];
        }
        IsLinearReal = !uxxx || parameters.Lambda3 == 0;
        _cubic = parameters.ExtraTerm == KsExtraTerm.CubicFlux && parameters.Lambda3 != 0;
        _lambda3 = parameters.Lambda3;
        _u = new double[n]; _w = new double[n]; _t = new double[n];
        _wr = new double[k]; _wi = new double[k];
    }

    /// <summary>The parameters.</summary>
    public KsParameters Parameters { get; }
    /// <summary>Grid points n.</summary>
    public int N => Parameters.N;
    /// <summary>Number of spectral coefficients n/2 + 1.</summary>
    public int Modes => _kappa.Length;
    /// <summary>The FFT plan (for converting states; not thread-safe).</summary>
    public RealFft1D Fft => _fft;
    /// <summary>κ_k = 2π k/L, with κ_{n/2} = 0 (DAPPER's convention).</summary>
    public ReadOnlySpan<double> Wavenumbers => _kappa;
    /// <summary>Real part of 𝓛_k = λ1κ² − λ2κ⁴.</summary>
    public ReadOnlySpan<double> LinearReal => _lr;
    /// <summary>Imaginary part of 𝓛_k (λ3κ³ for the "+u_xxx" variant, else 0).</summary>
    public ReadOnlySpan<double> LinearImaginary => _li;
    /// <summary>Whether 𝓛 is real (no "+u_xxx" term).</summary>
    public bool IsLinearReal { get; }

    /// <summary>𝓝(v̂) into (<paramref name="nr"/>, <paramref name="ni"/>); allocates nothing. Outputs must not alias the inputs.</summary>
    public void Nonlinear(ReadOnlySpan<double> vr, ReadOnlySpan<double> vi, Span<double> nr, Span<double> ni)
    {
        _fft.Inverse(vr, vi, _u);
        TensorPrimitives.Multiply(_u, _u, _w);
        if (_cubic)
        {
            TensorPrimitives.Multiply(_w, _u, _t);
            TensorPrimitives.MultiplyAdd(_t, _lambda3, _w, _w);
        }
        _fft.Forward(_w, _wr, _wi);
        // −½λ0 iκ (a + ib) = ½λ0κ b − i ½λ0κ a.
        TensorPrimitives.Multiply(_g, _wi, nr);
        TensorPrimitives.Multiply(_ng, _wr, ni);
    }

    /// <summary>The full tendency 𝓛v̂ + 𝓝(v̂) into (<paramref name="dr"/>, <paramref name="di"/>).</summary>
    public void Tendency(ReadOnlySpan<double> vr, ReadOnlySpan<double> vi, Span<double> dr, Span<double> di)
    {
        Nonlinear(vr, vi, dr, di);
        for (int k = 0; k < _lr.Length; k++)
        {
            double a = _lr[k], b = _li[k];
            dr[k] += a * vr[k] - b * vi[k];
            di[k] += a * vi[k] + b * vr[k];
        }
    }
}
