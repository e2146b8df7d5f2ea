using System.Numerics.Tensors;
using Science.Assimilation.Analysis;
using Science.Models.Ks;
using Science.Numerics;

namespace Science.Medida.Ks;

/// <summary>
/// The first MEDIDA paper's one-shot ensemble analysis of a KS sample (spec §10.2–10.3): N members u0 + N(0, σ_b²)
/// (i.i.d. per point; u_old is not perturbed), each advanced one CNAB2 step of the imperfect model from (u_old, member),
/// then the KS-reference EnKF (<see cref="KsReferenceEnkf"/>: H = I, full P_f, R = σ_m² I, explicit inverse, the clean
/// truth perturbed per member). The increment is h = (ū_a − ū_f)/Δt.
/// </summary>
/// <remarks>Cost per sample: N model steps plus O(N n² + n³) for P_f, the inverse and the update (n = 1024, N = 10 240:
/// ≈ 10 s on 2 cores). Deterministic for the seeds: members are drawn from one stream and stepped independently.</remarks>
internal static class KsOneShotEnkf
{
    /// <summary>Writes the analysis mean and the forecast mean of one sample.</summary>
    public static void Analyse(KsParameters model, ReadOnlySpan<double> previous, ReadOnlySpan<double> start, double[] cleanTruth,
        int members, double backgroundSpread, double noiseMagnitude, int seed, double[] analysisMean, double[] forecastMean,
        bool recentre = false)
    {
        int n = model.N;
        var ensemble = new double[members * n];
        SeedSequence.Gaussian(SeedSequence.Derive(seed, 1), backgroundSpread, ensemble);
        for (int i = 0; i < members; i++) TensorPrimitives.Add(ensemble.AsSpan(i * n, n), start, ensemble.AsSpan(i * n, n));
        var uOld = previous.ToArray();
        Parallel.For(0, members, () => new KuramotoSivashinsky(model), (i, _, m) =>
        {
            var member = ensemble.AsSpan(i * n, n);
            m.SetLevels(uOld, member);
            m.Advance(1);
            m.CopyState(member);
            return m;
        }, m => m.Dispose());
        Array.Clear(forecastMean);
        for (int i = 0; i < members; i++)
            for (int j = 0; j < n; j++) forecastMean[j] += ensemble[i * n + j];
        for (int j = 0; j < n; j++) forecastMean[j] /= members;
        KsReferenceEnkf.Analyse(ensemble, members, cleanTruth, noiseMagnitude, SeedSequence.Derive(seed, 2), ensemble, analysisMean, recentre);
    }
}
