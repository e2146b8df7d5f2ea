using System.Numerics.Tensors;
using Science.QgModel.Spectral;

namespace Science.QgModel;

/// <summary>A named scalar diagnostic with its unit.</summary>
/// <param name="Name">Stable name, e.g. "ke1".</param>
/// <param name="Units">Unit in the model's non-dimensional system.</param>
/// <param name="Description">One line for tables and plots.</param>
public sealed record DiagnosticDefinition(string Name, string Units, string Description);

/// <summary>The scalar diagnostics of one state.</summary>
public sealed record QgSummary(long Step, double Time, double Ke1, double Ke2, double MaxAbsQ1, double MaxAbsQ2, double Cfl)
{
    /// <summary>The values in the order of <see cref="QgDiagnostics.Scalars"/>.</summary>
    public double[] Values => [Ke1, Ke2, MaxAbsQ1, MaxAbsQ2, Cfl];
}

/// <summary>
/// Diagnostics with names and units (conventions of the oracle README): kinetic energy per layer, zonal-mean zonal
/// wind, zonal and isotropic KE spectra, the jet-core zonal amplitude spectrum of spec §9.5, max |q| and the CFL
/// number. Velocities are u = −∂yψ, v = ∂xψ computed spectrally. Uses the caller's <see cref="QgSpectral"/>.
/// </summary>
public sealed class QgDiagnostics
{
    private readonly QgSpectral _sp;
    private readonly SpectralField _psiHat, _d;
    private readonly double[] _u, _v;

    /// <summary>The scalar diagnostics, in the order of <see cref="QgSummary.Values"/>.</summary>
    public static IReadOnlyList<DiagnosticDefinition> Scalars { get; } =
    [
        new("ke1", "L²/T²", "upper-layer kinetic energy 0.5·mean(u²+v²)"),
        new("ke2", "L²/T²", "lower-layer kinetic energy 0.5·mean(u²+v²)"),
        new("max_abs_q1", "1/T", "max |q| of the upper layer (total PV)"),
        new("max_abs_q2", "1/T", "max |q| of the lower layer (total PV)"),
        new("cfl", "1", "Δt·(max|u|/dx + max|v|/dy) over both layers"),
    ];

    /// <summary>Creates the diagnostics on a spectral toolbox (same thread as its other users).</summary>
    public QgDiagnostics(QgSpectral spectral)
    {
        _sp = spectral;
        _psiHat = new SpectralField(spectral.Grid);
        _d = new SpectralField(spectral.Grid);
        _u = new double[spectral.Grid.RealSize];
        _v = new double[spectral.Grid.RealSize];
    }

    /// <summary>KE per layer, max |q| per layer and the CFL number for time step <paramref name="dt"/>.</summary>
    public QgSummary Summarize(QgState state, double dt)
    {
        var g = _sp.Grid;
        double[] ke = new double[2];
        double umax = 0, vmax = 0;
        for (int layer = 0; layer < 2; layer++)
        {
            Velocities(state.PsiLayer(layer));
            ke[layer] = 0.5 * (TensorPrimitives.SumOfSquares<double>(_u) + TensorPrimitives.SumOfSquares<double>(_v)) / g.RealSize;
            umax = Math.Max(umax, FieldMath.MaxAbs(_u));
            vmax = Math.Max(vmax, FieldMath.MaxAbs(_v));
        }
        double q1 = !state.HasQ ? double.NaN : FieldMath.MaxAbs(state.QLayer(0));
        double q2 = !state.HasQ ? double.NaN : FieldMath.MaxAbs(state.QLayer(1));
        return new QgSummary(state.Step, state.Time, ke[0], ke[1], q1, q2, dt * (umax / g.Dx + vmax / g.Dy));
    }

    /// <summary>Zonal-mean zonal wind ⟨u⟩_x(y) of one layer, one value per row.</summary>
    public double[] ZonalMeanWind(QgState state, int layer)
    {
        var g = _sp.Grid;
        Velocities(state.PsiLayer(layer));
        var mean = new double[g.Ny];
        for (int j = 0; j < g.Ny; j++) mean[j] = TensorPrimitives.Sum<double>(_u.AsSpan(j * g.Nx, g.Nx)) / g.Nx;
        return mean;
    }

    /// <summary>
    /// KE spectra of one layer: <c>Isotropic[b]</c> sums 0.5·w·(k²+l²)·|ψ̂/(Nx·Ny)|² over modes with
    /// round(K/dK) = b, dK = 2π/Lx (w = 1 for the k = 0 and Nyquist columns, 2 otherwise); <c>Zonal[m]</c> sums the same
    /// density over l. Both sum to the spectral KE.
    /// </summary>
    public (double[] BinCentres, double[] Isotropic, double[] Zonal) EnergySpectra(QgState state, int layer)
    {
        var g = _sp.Grid;
        _sp.Forward(state.PsiLayer(layer), _psiHat);
        double dk = 2 * Math.PI / g.Lx, norm = 1.0 / ((double)g.Nx * g.Ny);
        int bins = (int)Math.Round(Math.Sqrt(g.K[^1] * g.K[^1] + g.L[g.Ny / 2] * g.L[g.Ny / 2]) / dk, MidpointRounding.ToEven) + 1;
        var iso = new double[bins];
        var zon = new double[g.Nk];
        for (int n = 0; n < g.Ny; n++)
            for (int m = 0; m < g.Nk; m++)
            {
                int s = n * g.Nk + m;
                double w = m == 0 || m == g.Nx / 2 ? 1 : 2;
                double re = _psiHat.Re[s] * norm, im = _psiHat.Im[s] * norm;
                double e = 0.5 * w * g.KSquared[s] * (re * re + im * im);
                int b = (int)Math.Round(Math.Sqrt(g.KSquared[s]) / dk, MidpointRounding.ToEven);
                iso[b] += e;
                zon[m] += e;
            }
        var centres = new double[bins];
        for (int b = 0; b < bins; b++) centres[b] = b * dk;
        return (centres, iso, zon);
    }

    /// <summary>
    /// Zonal <b>amplitude</b> spectrum of spec §9.5: S(m) = mean over the jet-core rows of |rfft_x(f[j, :])|_m
    /// (unnormalised), rows 75…109 on the 192-row grid (y ∈ [−7.44, 4.60]), scaled proportionally on other grids.
    /// </summary>
    public static double[] ZonalAmplitudeSpectrum(Grid grid, ReadOnlySpan<double> field)
    {
        int j0 = 75 * grid.Ny / 192, j1 = 109 * grid.Ny / 192;
        int nx = grid.Nx, nk = grid.Nk;
        var cos = new double[nx];
        var sin = new double[nx];
        for (int t = 0; t < nx; t++) (sin[t], cos[t]) = Math.SinCos(2 * Math.PI * t / nx);
        var s = new double[nk];
        for (int j = j0; j <= j1; j++)
        {
            var row = field.Slice(j * nx, nx);
            for (int m = 0; m < nk; m++)
            {
                double re = 0, im = 0;
                for (int i = 0; i < nx; i++)
                {
                    int t = m * i % nx;
                    re += row[i] * cos[t];
                    im -= row[i] * sin[t];
                }
                s[m] += Math.Sqrt(re * re + im * im);
            }
        }
        for (int m = 0; m < nk; m++) s[m] /= j1 - j0 + 1;
        return s;
    }

    private void Velocities(ReadOnlySpan<double> psi)
    {
        _sp.Forward(psi, _psiHat);
        _sp.Dy(_psiHat, _d);
        _sp.Inverse(_d, _u);
        TensorPrimitives.Negate<double>(_u, _u);
        _sp.Dx(_psiHat, _d);
        _sp.Inverse(_d, _v);
    }
}
