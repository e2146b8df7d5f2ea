using Science.Numerics.Fft;

namespace Science.Medida.Ks;

/// <summary>
/// The KS regression filter: a periodic field of n points times exp(−(κ/(f·κ_max))²) in Fourier space, with κ the
/// mode index over the Nyquist index (so f is a fraction of κ_max = π/dx, independent of the domain length).
/// </summary>
internal sealed class KsLowPass
{
    private readonly RealFft1D _fft;
    private readonly double[] _multiplier, _re, _im;

    /// <summary>A filter for fields of <paramref name="n"/> points keeping wavenumbers up to about <paramref name="fraction"/>·κ_max.</summary>
    public KsLowPass(int n, double fraction)
    {
        if (!(fraction > 0) || !double.IsFinite(fraction)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the regression filter must be a fraction > 0 of the largest wavenumber");
        _fft = new RealFft1D(n);
        int m = _fft.SpectrumLength;
        _multiplier = new double[m];
        double nyquist = n / 2.0;
        for (int k = 0; k < m; k++)
        {
            double r = k / (fraction * nyquist);
            _multiplier[k] = Math.Exp(-r * r);
        }
        _re = new double[m];
        _im = new double[m];
    }

    /// <summary>Filters <paramref name="field"/> in place.</summary>
    public void Apply(Span<double> field)
    {
        _fft.Forward(field, _re, _im);
        for (int k = 0; k < _re.Length; k++)
        {
            _re[k] *= _multiplier[k];
            _im[k] *= _multiplier[k];
        }
        _fft.Inverse(_re, _im, field);
    }
}
