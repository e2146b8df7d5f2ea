using Science.QgModel;
using Science.QgModel.Spectral;

namespace Science.Medida.Filters;

/// <summary>
/// A real, symmetric multiplier on the half spectrum <c>[l, k]</c>, applied as irfft2(M · rfft2(f)). Used to smooth
/// noisy observations and for the filtered (weak-form) regression.
/// </summary>
public sealed class SpectralFilter
{
    private readonly double[] _multiplier;

    private SpectralFilter(string name, Grid grid, double[] multiplier)
    {
        Name = name;
        Grid = grid;
        _multiplier = multiplier;
    }

    /// <summary>A description for reports.</summary>
    public string Name { get; }
    /// <summary>The grid.</summary>
    public Grid Grid { get; }
    /// <summary>The multiplier per spectral coefficient.</summary>
    public ReadOnlySpan<double> Multiplier => _multiplier;

    /// <summary>
    /// F(K) = exp(−(K/(f·K_max))²) with K = √(k² + l²) and K_max = √(k_max² + l_max²), the corner of the spectrum.
    /// <paramref name="fraction"/> in (0, ∞); smaller is smoother.
    /// </summary>
    public static SpectralFilter Gaussian(Grid grid, double fraction)
    {
        if (!(fraction > 0) || double.IsInfinity(fraction))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the filter cut-off must be a fraction > 0 of the largest wavenumber");
        double kmax = Math.Sqrt(grid.K[^1] * grid.K[^1] + grid.L[grid.Ny / 2] * grid.L[grid.Ny / 2]);
        var m = new double[grid.SpectralSize];
        double scale = 1.0 / (fraction * kmax);
        for (int s = 0; s < m.Length; s++) m[s] = Math.Exp(-grid.KSquared[s] * scale * scale);
        return new SpectralFilter($"gaussian(f={fraction})", grid, m);
    }

    /// <summary>
    /// The reference's KEEP_RATIO low-pass (spec §9.4): on the full complex FFT, zero rows Ny/2 − rk … Ny/2 + rk − 1
    /// and columns Nx/2 − ck … Nx/2 + ck − 1 (rk = ⌊Ny/2·(1 − keep)⌋, ck = ⌊Nx/2·(1 − keep)⌋), inverse and take the
    /// real part. Taking the real part symmetrises the mask, M(n, m) = (H(n, m) + H(−n, −m))/2, which is what is
    /// applied here on the half spectrum.
    /// </summary>
    public static SpectralFilter KeepRatio(Grid grid, double keep)
    {
        if (!(keep > 0 && keep <= 1)) throw new ArgumentOutOfRangeException(nameof(keep), keep, "the keep ratio must be in (0, 1]");
        int rk = (int)Math.Floor(grid.Ny / 2 * (1 - keep)), ck = (int)Math.Floor(grid.Nx / 2 * (1 - keep));
        bool Zeroed(int n, int m) =>
            (n >= grid.Ny / 2 - rk && n <= grid.Ny / 2 + rk - 1) || (m >= grid.Nx / 2 - ck && m <= grid.Nx / 2 + ck - 1);
        var mult = new double[grid.SpectralSize];
        for (int n = 0; n < grid.Ny; n++)
            for (int m = 0; m < grid.Nk; m++)
            {
                double h = Zeroed(n, m) ? 0 : 1, mirror = Zeroed((grid.Ny - n) % grid.Ny, (grid.Nx - m) % grid.Nx) ? 0 : 1;
                mult[n * grid.Nk + m] = 0.5 * (h + mirror);
            }
        return new SpectralFilter($"keep({keep})", grid, mult);
    }

    /// <summary>The smoother grammar of the command line and of experiments: <c>none</c> (null), <c>keep:R</c> (the spec
    /// §9.4 KEEP low-pass, 0 &lt; R ≤ 1) or <c>gaussian:F</c> (exp(−(K/(F·K_max))²), F &gt; 0).</summary>
    /// <exception cref="ArgumentException">Any other text; the message gives the grammar.</exception>
    public static Func<Grid, SpectralFilter>? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "none") return null;
        var parts = text.Split(':');
        if (parts.Length == 2 && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v))
        {
            if (parts[0] == "keep" && v > 0 && v <= 1) return g => KeepRatio(g, v);
            if (parts[0] == "gaussian" && v > 0) return g => Gaussian(g, v);
        }
        throw new ArgumentException($"the smoother must be none, keep:R (0 < R ≤ 1, spec §9.4) or gaussian:F (F > 0); got '{text}'", nameof(text));
    }

    /// <summary>Filters a <c>[y, x]</c> field in place, using <paramref name="scratch"/> (the grid's spectral size).</summary>
    public void Apply(QgSpectral spectral, Span<double> field, SpectralField scratch)
    {
        spectral.Forward(field, scratch);
        for (int s = 0; s < _multiplier.Length; s++)
        {
            scratch.Re[s] *= _multiplier[s];
            scratch.Im[s] *= _multiplier[s];
        }
        spectral.Inverse(scratch, field);
    }
}
