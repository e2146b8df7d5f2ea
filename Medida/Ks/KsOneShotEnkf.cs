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
        var ensemble = Forecast(model, previous, start, members, backgroundSpread, seed, forecastMean);
        KsReferenceEnkf.AnalyseMean(ensemble, members, cleanTruth, noiseMagnitude, SeedSequence.Derive(seed, 2), analysisMean, recentre);
    }

    /// <summary>
    /// The ensemble-space generalisation of the one-shot form: the same forecast ensemble, analysed by a toolkit
    /// method (<paramref name="method"/>: ETKF, perturbed-observation EnKF in ensemble space, or LETKF on the periodic
    /// grid with its localisation) from one realised noisy observation y = w + ε, ε ~ N(0, σ²I) with
    /// σ = <paramref name="noiseMagnitude"/>·std(w) (relative, as the toolkit's noise), R = σ²I. With N &lt; n the gain
    /// acts in the span of the N − 1 forecast anomalies only (white noise through one CN step), so the analysis
    /// increment, and h, is damped by about (N − 1)/n unless localisation widens that span.
    /// </summary>
    public static void AnalyseInEnsembleSpace(KsParameters model, ReadOnlySpan<double> previous, ReadOnlySpan<double> start, double[] cleanTruth,
        int members, double backgroundSpread, Science.Assimilation.Methods.EnsembleMethod method, double noiseMagnitude, int seed,
        double[] analysisMean, double[] forecastMean)
    {
        ArgumentNullException.ThrowIfNull(method);
        int n = model.N;
        var ensemble = Forecast(model, previous, start, members, backgroundSpread, seed, forecastMean);
        double sigma = noiseMagnitude * Science.QgModel.FieldMath.StandardDeviation(cleanTruth);
        var y = new double[n];
        SeedSequence.Gaussian(SeedSequence.Derive(seed, 3), sigma, y);
        TensorPrimitives.Add(y, cleanTruth, y);
        var h = new Science.Observing.IdentityObservation(n);
        var experiment = new Science.Assimilation.Experiments.TwinExperiment("ks-one-shot",
            new Science.Assimilation.Experiments.ModelSpec("ks", new Dictionary<string, double> { ["n"] = n }, () => new KuramotoSivashinsky(model)),
            h, Science.Observing.ObservationError.Isotropic(n, sigma), new Science.Assimilation.Experiments.Chronology(model.TimeStep, 1, 1, 0),
            new Science.Assimilation.Experiments.InitialDistribution(new double[n], 1), Science.Observing.LocalisationDomain.Ring(n, h, 8));
        method.Validate(experiment);
        var analysis = method.CreateAnalysis(experiment, n, -1);
        analysis.Analyse(ensemble, y, cleanTruth, SeedSequence.Derive(seed, 2));
        Array.Clear(analysisMean);
        for (int i = 0; i < members; i++) TensorPrimitives.Add(analysisMean, ensemble.AsSpan(i * n, n), analysisMean);
        TensorPrimitives.Multiply(analysisMean, 1.0 / members, analysisMean);
    }

    // N members u0 + N(0, σ_b²), each one CNAB2 step from (u_old, member); the forecast mean into forecastMean.
    private static double[] Forecast(KsParameters model, ReadOnlySpan<double> previous, ReadOnlySpan<double> start, int members,
        double backgroundSpread, int seed, double[] forecastMean)
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
        return ensemble;
    }
}
