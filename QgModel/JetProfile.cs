namespace Science.QgModel;

/// <summary>
/// Meridional profiles of the forcing (spec §2.6): the sponge rate s(y), the equilibrium zonal wind u_eq(y) and the
/// equilibrium streamfunction ψR(y) with u_eq − mean(u_eq) = −∂yψR. All have one value per grid row.
/// </summary>
public sealed class JetProfile
{
    /// <summary>Builds the profiles for a grid, jet width σ and amplitude U1.</summary>
    public JetProfile(Grid grid, double sigma, double u1)
    {
        int ny = grid.Ny;
        Sponge = new double[ny];
        UEq = new double[ny];
        for (int j = 0; j < ny; j++)
        {
            double y1 = (j - ny / 2) * grid.Dy;
            double y2 = Math.Min(j, ny - j - 1) * grid.Dy;
            double s2 = Sech2(Math.Abs(y2 / sigma));
            Sponge[j] = u1 * s2;
            UEq[j] = u1 * (Sech2(Math.Abs(y1 / sigma)) - s2);
        }
        PsiR = IntegrateWind(UEq, grid.L);
    }

    /// <summary>Sponge rate s(y_j) = U1 sech²(y2/σ), y2 the distance to the nearer edge (units 1/time).</summary>
    public double[] Sponge { get; }
    /// <summary>Equilibrium zonal wind u_eq(y_j): a jet at the centre minus jets at the edges.</summary>
    public double[] UEq { get; }
    /// <summary>Equilibrium streamfunction ψR(y_j) (real part of the reference's complex inverse FFT).</summary>
    public double[] PsiR { get; }

    private static double Sech2(double a)
    {
        double c = Math.Cosh(a);
        return 1.0 / (c * c);
    }

    // ψ̂R(l) = −û_eq(l)/(i l) for l ≠ 0, ψ̂R(0) = 0; ψR = Re IFFT(ψ̂R). A direct DFT: it runs once per model.
    private static double[] IntegrateWind(double[] u, ReadOnlySpan<double> l)
    {
        int n = u.Length;
        var cos = new double[n];
        var sin = new double[n];
        for (int t = 0; t < n; t++) (sin[t], cos[t]) = Math.SinCos(2 * Math.PI * t / n);
        var hatRe = new double[n];
        var hatIm = new double[n];
        for (int m = 1; m < n; m++)
        {
            double re = 0, im = 0;
            for (int j = 0; j < n; j++)
            {
                int t = (int)((long)m * j % n);
                re += u[j] * cos[t];
                im -= u[j] * sin[t];
            }
            // −(re + i im)/i = −im + i re, then divided by l.
            hatRe[m] = -im / l[m];
            hatIm[m] = re / l[m];
        }
        var psi = new double[n];
        for (int j = 0; j < n; j++)
        {
            double acc = 0;
            for (int m = 0; m < n; m++)
            {
                int t = (int)((long)m * j % n);
                acc += hatRe[m] * cos[t] - hatIm[m] * sin[t];
            }
            psi[j] = acc / n;
        }
        return psi;
    }
}
