namespace Science.QgModel;

/// <summary>
/// The doubly periodic rectangle of the two-layer QG channel and its Fourier wavenumbers (spec §2.1–§2.2).
/// Lengths are non-dimensional, in units of the deformation radius.
/// </summary>
/// <remarks>
/// Real fields are row-major <c>[y, x]</c> (<see cref="Ny"/> rows of <see cref="Nx"/> points). Spectral fields are
/// <c>[l, k]</c> with <see cref="Nk"/> = Nx/2 + 1 zonal (rfft) columns and <see cref="Ny"/> meridional rows in NumPy
/// <c>fftfreq</c> order, so the y-Nyquist row carries a negative wavenumber.
/// </remarks>
public sealed class Grid
{
    private readonly double[] _x, _y, _k, _l, _ksquared, _k8;

    /// <summary>The paper's grid: 96 × 192 points on 46 × 68.</summary>
    public static Grid Default { get; } = new(96, 192, 46.0, 68.0);

    /// <summary>Creates a grid of <paramref name="nx"/> × <paramref name="ny"/> points on <paramref name="lx"/> × <paramref name="ly"/>.</summary>
    /// <param name="nx">Zonal points; even, ≥ 4.</param>
    /// <param name="ny">Meridional points; even, ≥ 4.</param>
    /// <param name="lx">Zonal length, &gt; 0.</param>
    /// <param name="ly">Meridional length, &gt; 0.</param>
    public Grid(int nx, int ny, double lx, double ly)
    {
        if (nx < 4 || nx % 2 != 0) throw new ArgumentOutOfRangeException(nameof(nx), nx, "nx must be even and at least 4.");
        if (ny < 4 || ny % 2 != 0) throw new ArgumentOutOfRangeException(nameof(ny), ny, "ny must be even and at least 4.");
        if (!(lx > 0) || double.IsInfinity(lx)) throw new ArgumentOutOfRangeException(nameof(lx), lx, "lx must be a positive finite length.");
        if (!(ly > 0) || double.IsInfinity(ly)) throw new ArgumentOutOfRangeException(nameof(ly), ly, "ly must be a positive finite length.");
        Nx = nx; Ny = ny; Lx = lx; Ly = ly;
        Nk = nx / 2 + 1;
        _x = Linspace(-lx / 2, lx / 2, nx);
        _y = Linspace(-ly / 2, ly / 2, ny);
        Dx = _x[1] - _x[0];
        Dy = _y[1] - _y[0];

        // NumPy: rfftfreq(N, Lx/N/2/pi) and fftfreq(N2, Ly/N2/2/pi), i.e. m / (N * d) with d = L/N/(2π).
        double dkx = lx / nx / 2 / Math.PI, dly = ly / ny / 2 / Math.PI;
        double kval = 1.0 / (nx * dkx), lval = 1.0 / (ny * dly);
        _k = new double[Nk];
        for (int m = 0; m < Nk; m++) _k[m] = m * kval;
        _l = new double[ny];
        for (int n = 0; n < ny; n++) _l[n] = (n < ny / 2 ? n : n - ny) * lval;

        _ksquared = new double[ny * Nk];
        _k8 = new double[ny * Nk];
        for (int n = 0; n < ny; n++)
            for (int m = 0; m < Nk; m++)
            {
                double k = _k[m], l = _l[n];
                _ksquared[n * Nk + m] = l * l + k * k;
                _k8[n * Nk + m] = Math.Pow(k, 8) + Math.Pow(l, 8);
            }
    }

    /// <summary>Zonal grid points.</summary>
    public int Nx { get; }
    /// <summary>Meridional grid points.</summary>
    public int Ny { get; }
    /// <summary>Zonal half-spectrum columns, Nx/2 + 1.</summary>
    public int Nk { get; }
    /// <summary>Zonal domain length.</summary>
    public double Lx { get; }
    /// <summary>Meridional domain length.</summary>
    public double Ly { get; }
    /// <summary>Zonal spacing, X[1] − X[0].</summary>
    public double Dx { get; }
    /// <summary>Meridional spacing, Y[1] − Y[0] (as the reference takes it from linspace, not Ly/Ny).</summary>
    public double Dy { get; }
    /// <summary>Zonal coordinates x_i = −Lx/2 + i·Lx/Nx (end point excluded).</summary>
    public ReadOnlySpan<double> X => _x;
    /// <summary>Meridional coordinates y_j = −Ly/2 + j·Ly/Ny (end point excluded).</summary>
    public ReadOnlySpan<double> Y => _y;
    /// <summary>Zonal wavenumbers k_m = 2π m / Lx, m = 0 … Nx/2.</summary>
    public ReadOnlySpan<double> K => _k;
    /// <summary>Meridional wavenumbers in fftfreq order; the Nyquist row is negative.</summary>
    public ReadOnlySpan<double> L => _l;
    /// <summary>k² + l² on the spectral grid <c>[l, k]</c> (Lapl = −KSquared).</summary>
    public ReadOnlySpan<double> KSquared => _ksquared;
    /// <summary>k⁸ + l⁸ on the spectral grid (hyperviscosity operator; not (k² + l²)⁴).</summary>
    public ReadOnlySpan<double> K8 => _k8;
    /// <summary>Real points per layer, Nx·Ny.</summary>
    public int RealSize => Nx * Ny;
    /// <summary>Spectral coefficients per layer, Nk·Ny.</summary>
    public int SpectralSize => Nk * Ny;
    /// <summary>The 3/2-rule padded zonal points.</summary>
    public int PaddedNx => 3 * Nx / 2;
    /// <summary>The 3/2-rule padded meridional points.</summary>
    public int PaddedNy => 3 * Ny / 2;

    /// <summary>Whether another grid has the same points and lengths.</summary>
    public bool SameAs(Grid other) => other.Nx == Nx && other.Ny == Ny && other.Lx == Lx && other.Ly == Ly;

    /// <inheritdoc/>
    public override string ToString() => $"{Nx}×{Ny} on {Lx}×{Ly}";

    // numpy.linspace(start, stop, n, endpoint=False): start + i*step with step = (stop-start)/n.
    private static double[] Linspace(double start, double stop, int n)
    {
        var a = new double[n];
        double step = (stop - start) / n;
        for (int i = 0; i < n; i++) a[i] = start + i * step;
        return a;
    }
}
