using Science.Medida.Library;
using Science.Medida.Regression;
using Science.Numerics.Fft;

namespace Science.Medida.Ks;

/// <summary>How <see cref="KsLibrary"/> computes ∂_x^d u.</summary>
public enum KsDerivativeKind
{
    /// <summary>The reference's second-order finite differences, non-periodic (spec §10.4).</summary>
    FiniteDifference,
    /// <summary>Exact periodic spectral derivatives (iκ)^d û, the Nyquist mode dropped for odd d.</summary>
    Spectral,
}

/// <summary>
/// The KS candidate library of spec §10.4: the 24 terms u^p ∂_x^d u, d = 0…4, p = 0…4, in d-major order (d·5 + p)
/// with the constant (d = 0, p = 0) dropped. Labels are the reference's: "u", "u^2", …, "u_{x}", "uu_{x}",
/// "u^2u_{x}", …, "u^4u_{xxxx}".
/// </summary>
/// <remarks>
/// Finite differences (the default) follow the reference: ∂x and ∂x² are second-order centred in the interior and
/// second-order one-sided at the two ends; ∂x³ is the centred 5-point stencil with second-order one-sided 5-point
/// forms at the two outermost points on each side; ∂x⁴ is ∂x applied to ∂x³. The domain is periodic but the
/// stencils are not, as in the reference.
/// </remarks>
public static class KsLibrary
{
    /// <summary>Highest derivative order.</summary>
    public const int MaxDerivative = 4;
    /// <summary>Highest power of u.</summary>
    public const int MaxPower = 4;

    /// <summary>The 24 labels in column order.</summary>
    public static IReadOnlyList<string> Labels { get; } = BuildLabels();

    /// <summary>The label of u^p ∂_x^d u.</summary>
    public static string Label(int power, int derivative)
    {
        if (power < 0 || power > MaxPower) throw new ArgumentOutOfRangeException(nameof(power), power, "p must be in [0, 4]");
        if (derivative < 0 || derivative > MaxDerivative) throw new ArgumentOutOfRangeException(nameof(derivative), derivative, "d must be in [0, 4]");
        string prefix = power switch { 0 => "", 1 => "u", _ => $"u^{power}" };
        return derivative == 0 ? (power == 0 ? "" : prefix) : prefix + "u_{" + new string('x', derivative) + "}";
    }

    /// <summary>
    /// The library as a <see cref="CandidateLibrary"/> for discovery settings and reports (labels and symbols). Its
    /// terms are not QG terms: evaluating one through a QG <see cref="LibraryContext"/> throws; use
    /// <see cref="Evaluate"/>.
    /// </summary>
    public static CandidateLibrary Candidates(KsDerivativeKind kind) => new(
        kind == KsDerivativeKind.FiniteDifference ? "ks" : "ks-spectral",
        Labels.Select(l => new CandidateTerm(l, l, (_, _) => throw new NotSupportedException("KS terms are evaluated by KsLibrary.Evaluate"))));

    /// <summary>∂_x^d u for d = 0…4 (index d), grid spacing <paramref name="dx"/>.</summary>
    public static double[][] Derivatives(ReadOnlySpan<double> u, double dx, KsDerivativeKind kind = KsDerivativeKind.FiniteDifference)
    {
        if (u.Length < 6) throw new ArgumentException("at least 6 grid points are needed", nameof(u));
        if (!(dx > 0) || !double.IsFinite(dx)) throw new ArgumentOutOfRangeException(nameof(dx), dx, "the grid spacing must be positive");
        var d = new double[MaxDerivative + 1][];
        d[0] = u.ToArray();
        if (kind == KsDerivativeKind.Spectral)
        {
            for (int k = 1; k <= MaxDerivative; k++) d[k] = SpectralDerivative(u, dx, k);
            return d;
        }
        if (kind != KsDerivativeKind.FiniteDifference) throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown derivative kind");
        d[1] = First(u, dx);
        d[2] = Second(u, dx);
        d[3] = Third(u, dx);
        d[4] = First(d[3], dx);
        return d;
    }

    /// <summary>The 24 columns u^p ∂_x^d u of one state, in <see cref="Labels"/> order.</summary>
    public static double[][] Evaluate(ReadOnlySpan<double> u, double dx, KsDerivativeKind kind = KsDerivativeKind.FiniteDifference)
    {
        var d = Derivatives(u, dx, kind);
        int n = u.Length;
        var columns = new List<double[]>(Labels.Count);
        for (int order = 0; order <= MaxDerivative; order++)
            for (int p = 0; p <= MaxPower; p++)
            {
                if (order == 0 && p == 0) continue;
                var c = new double[n];
                for (int j = 0; j < n; j++) c[j] = order == 0 ? Pow(u[j], p) : Pow(u[j], p) * d[order][j];
                columns.Add(c);
            }
        return [.. columns];
    }

    /// <summary>The design matrix of several states stacked (rows state-major, then grid order).</summary>
    public static DesignMatrix Build(IReadOnlyList<double[]> states, double dx, KsDerivativeKind kind = KsDerivativeKind.FiniteDifference)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0) throw new ArgumentException("at least one state is needed", nameof(states));
        int n = states[0].Length, rows = n * states.Count;
        var stacked = Labels.Select(_ => new double[rows]).ToArray();
        for (int s = 0; s < states.Count; s++)
        {
            if (states[s].Length != n) throw new ArgumentException($"state {s} has {states[s].Length} values, state 0 has {n}", nameof(states));
            var cols = Evaluate(states[s], dx, kind);
            for (int j = 0; j < cols.Length; j++) cols[j].CopyTo(stacked[j], s * n);
        }
        return new DesignMatrix(Labels, stacked);
    }

    private static double Pow(double x, int p)
    {
        double r = 1;
        for (int q = 0; q < p; q++) r *= x;
        return r;
    }

    private static double[] First(ReadOnlySpan<double> f, double h)
    {
        int n = f.Length;
        var r = new double[n];
        for (int i = 1; i < n - 1; i++) r[i] = (f[i + 1] - f[i - 1]) / (2 * h);
        r[0] = (-3 * f[0] + 4 * f[1] - f[2]) / (2 * h);
        r[n - 1] = (3 * f[n - 1] - 4 * f[n - 2] + f[n - 3]) / (2 * h);
        return r;
    }

    private static double[] Second(ReadOnlySpan<double> f, double h)
    {
        int n = f.Length;
        double h2 = h * h;
        var r = new double[n];
        for (int i = 1; i < n - 1; i++) r[i] = (f[i + 1] - 2 * f[i] + f[i - 1]) / h2;
        r[0] = (2 * f[0] - 5 * f[1] + 4 * f[2] - f[3]) / h2;
        r[n - 1] = (2 * f[n - 1] - 5 * f[n - 2] + 4 * f[n - 3] - f[n - 4]) / h2;
        return r;
    }

    private static double[] Third(ReadOnlySpan<double> f, double h)
    {
        int n = f.Length;
        double c = 2 * h * h * h;
        var r = new double[n];
        for (int i = 2; i < n - 2; i++) r[i] = (f[i + 2] - 2 * f[i + 1] + 2 * f[i - 1] - f[i - 2]) / c;
        for (int i = 0; i < 2; i++)
        {
            r[i] = (-5 * f[i] + 18 * f[i + 1] - 24 * f[i + 2] + 14 * f[i + 3] - 3 * f[i + 4]) / c;
            int k = n - 1 - i;
            r[k] = (5 * f[k] - 18 * f[k - 1] + 24 * f[k - 2] - 14 * f[k - 3] + 3 * f[k - 4]) / c;
        }
        return r;
    }

    private static double[] SpectralDerivative(ReadOnlySpan<double> u, double dx, int order)
    {
        int n = u.Length;
        if (n % 2 != 0) throw new ArgumentException("spectral derivatives need an even number of points", nameof(u));
        var fft = new RealFft1D(n);
        int m = fft.SpectrumLength;
        var re = new double[m];
        var im = new double[m];
        fft.Forward(u, re, im);
        double length = n * dx;
        for (int k = 0; k < m; k++)
        {
            double kappa = 2 * Math.PI * k / length;
            if (k == n / 2 && order % 2 == 1) kappa = 0;
            // (iκ)^order = κ^order · i^order.
            double mag = Math.Pow(kappa, order);
            double a = re[k] * mag, b = im[k] * mag;
            (re[k], im[k]) = (order % 4) switch
            {
                0 => (a, b),
                1 => (-b, a),
                2 => (-a, -b),
                _ => (b, -a),
            };
        }
        var r = new double[n];
        fft.Inverse(re, im, r);
        return r;
    }

    private static string[] BuildLabels()
    {
        var labels = new List<string>();
        for (int d = 0; d <= MaxDerivative; d++)
            for (int p = 0; p <= MaxPower; p++)
                if (d != 0 || p != 0) labels.Add(Label(p, d));
        return [.. labels];
    }
}
