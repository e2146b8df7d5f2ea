using System.Numerics.Tensors;
using Science.Numerics;
using Science.Numerics.LinearAlgebra;

namespace Science.Assimilation.Analysis;

/// <summary>
/// The EnKF analysis exactly as the first MEDIDA paper's KS code ran it (spec §10.3), as a one-shot function:
/// H = I; the full sample covariance P_f = Σ (u_f,i − ū_f)(u_f,i − ū_f)ᵀ / (N − 1) (n×n); R = σ_m² I;
/// K = P_f (P_f + R)⁻¹ by an explicit (Gauss–Jordan, partial pivoting) inverse; u_a,i = u_f,i + K(w + ε_i − u_f,i)
/// with ε_i ~ N(0, σ_m² I), where w is the <b>clean</b> truth (noise enters only through the ε_i). No inflation, no
/// localisation. Costs O(n³) and n² memory: for n ≲ a few thousand.
/// </summary>
public static class KsReferenceEnkf
{
    /// <summary>
    /// The analysis ensemble and its mean.
    /// </summary>
    /// <param name="forecast">The forecast ensemble u_f (N×n, member-major).</param>
    /// <param name="members">N ≥ 2.</param>
    /// <param name="cleanTruth">w: the clean true state (n), in the state's units.</param>
    /// <param name="noiseMagnitude">σ_m ≥ 0: the absolute observation-noise standard deviation (the reference's NOISE_MAG).</param>
    /// <param name="seed">Seed of the ε_i draws (member-major, one stream).</param>
    /// <param name="analysis">Receives u_a,i (N×n); may be the same buffer as <paramref name="forecast"/>.</param>
    /// <param name="analysisMean">Receives ū_a (n).</param>
    /// <param name="recentre">
    /// Re-centre the ε_i to zero mean per point before use (the toolkit's EnKF convention, not the reference's). Then
    /// ū_a = ū_f + K(w − ū_f) exactly; without it ū_a also carries K·ε̄, white noise of std ≈ σ_m/√N.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">N &lt; 2 or σ_m negative or non-finite.</exception>
    /// <exception cref="InvalidOperationException">P_f + R is singular (σ_m = 0 with fewer than n + 1 members).</exception>
    public static void Analyse(ReadOnlySpan<double> forecast, int members, ReadOnlySpan<double> cleanTruth, double noiseMagnitude, int seed,
        Span<double> analysis, Span<double> analysisMean, bool recentre = false)
    {
        int n = Check(forecast, members, cleanTruth, noiseMagnitude, analysisMean);
        if (analysis.Length != members * n) throw new ArgumentException($"the analysis must hold {members}×{n} values", nameof(analysis));
        var k = Gain(forecast, members, n, noiseMagnitude, out _);
        var eps = new double[members * n];
        GaussianStream.Fill(seed, noiseMagnitude, eps);
        if (recentre) Dense.Centre(eps, members, n, new double[n], eps);
        var innovation = new double[n];
        var update = new double[n];
        analysisMean.Clear();
        for (int i = 0; i < members; i++)
        {
            var ui = forecast.Slice(i * n, n);
            TensorPrimitives.Add(cleanTruth, eps.AsSpan(i * n, n), innovation);
            TensorPrimitives.Subtract(innovation, ui, innovation);
            for (int r = 0; r < n; r++) update[r] = TensorPrimitives.Dot(k.AsSpan(r * n, n), innovation);
            var ai = analysis.Slice(i * n, n);
            TensorPrimitives.Add(ui, update, ai);
            TensorPrimitives.Add(analysisMean, ai, analysisMean);
        }
        TensorPrimitives.Multiply(analysisMean, 1.0 / members, analysisMean);
    }

    /// <summary>
    /// The analysis mean of <see cref="Analyse"/> without the members: ū_a = ū_f + K(w + ε̄ − ū_f), the same draws
    /// ε_i from <paramref name="seed"/> (so the same ε̄), equal to the mean of the members' analyses up to round-off,
    /// for a fraction of the cost (no N·n² member update). What the one-shot MEDIDA increment needs.
    /// </summary>
    public static void AnalyseMean(ReadOnlySpan<double> forecast, int members, ReadOnlySpan<double> cleanTruth, double noiseMagnitude, int seed,
        Span<double> analysisMean, bool recentre = false)
    {
        int n = Check(forecast, members, cleanTruth, noiseMagnitude, analysisMean);
        var k = Gain(forecast, members, n, noiseMagnitude, out var mean);
        var eps = new double[members * n];
        GaussianStream.Fill(seed, noiseMagnitude, eps);
        var innovation = new double[n];
        if (!recentre)
        {
            for (int i = 0; i < members; i++) TensorPrimitives.Add(innovation, eps.AsSpan(i * n, n), innovation);
            TensorPrimitives.Multiply(innovation, 1.0 / members, innovation);
        }
        TensorPrimitives.Add(innovation, cleanTruth, innovation);
        TensorPrimitives.Subtract(innovation, mean, innovation);
        for (int r = 0; r < n; r++) analysisMean[r] = mean[r] + TensorPrimitives.Dot(k.AsSpan(r * n, n), innovation);
    }

    // The checks both entry points share; returns n.
    private static int Check(ReadOnlySpan<double> forecast, int members, ReadOnlySpan<double> cleanTruth, double noiseMagnitude, Span<double> analysisMean)
    {
        if (members < 2) throw new ArgumentOutOfRangeException(nameof(members), members, "the ensemble needs at least 2 members");
        if (!(noiseMagnitude >= 0) || !double.IsFinite(noiseMagnitude)) throw new ArgumentOutOfRangeException(nameof(noiseMagnitude), noiseMagnitude, "σ_m must be finite and in [0, ∞)");
        int n = cleanTruth.Length;
        if (forecast.Length != members * n) throw new ArgumentException($"the forecast must hold {members}×{n} values", nameof(forecast));
        if (analysisMean.Length != n) throw new ArgumentException($"the analysis mean must hold {n} values", nameof(analysisMean));
        return n;
    }

    // K = P_f (P_f + R)⁻¹ (n×n) and the forecast mean.
    private static double[] Gain(ReadOnlySpan<double> forecast, int members, int n, double noiseMagnitude, out double[] mean)
    {
        mean = new double[n];
        var anomalies = new double[members * n];
        Dense.Centre(forecast, members, n, mean, anomalies);
        var pf = new double[n * n];
        Dense.MultiplyTransposeA(anomalies, anomalies, pf, members, n, n);
        TensorPrimitives.Multiply(pf, 1.0 / (members - 1), pf);
        var s = (double[])pf.Clone();
        for (int i = 0; i < n; i++) s[i * n + i] += noiseMagnitude * noiseMagnitude;
        var inverse = new double[n * n];
        if (!SmallDense.TryInverseGaussJordan(s, n, inverse, new double[n * n]))
            throw new InvalidOperationException("P_f + R is singular: with σ_m = 0 the ensemble needs more than n members");
        var k = new double[n * n];
        Dense.Multiply(pf, inverse, k, n, n, n);
        return k;
    }
}

/// <summary>The KS-reference analysis as a cycled <see cref="IEnsembleAnalysis"/> (it reads the truth, not y).</summary>
internal sealed class KsReferenceAnalysis(int members, int stateSize, double noiseMagnitude) : IEnsembleAnalysis
{
    private readonly double[] _mean = new double[stateSize];

    public void Analyse(Span<double> ensemble, ReadOnlySpan<double> observation, ReadOnlySpan<double> truth, int seed) =>
        KsReferenceEnkf.Analyse(ensemble, members, truth, noiseMagnitude, seed, ensemble, _mean);
}
