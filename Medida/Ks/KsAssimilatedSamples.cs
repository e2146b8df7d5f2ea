using System.Diagnostics;
using Science.Assimilation.Cycling;
using Science.Assimilation.Experiments;
using Science.Assimilation.Runs;
using Science.Assimilation.Statistics;
using Science.Medida.Assimilated;
using Science.Models.Ks;
using Science.Observing;

namespace Science.Medida.Ks;

/// <summary>
/// KS sample states estimated by a cycled ensemble filter instead of observed (the "analysis-state" increment form on
/// the first MEDIDA paper's system, spec §10): the ETDRK4 truth (dt 1e−3) is observed at every grid point (or every
/// k-th) with noise σ = NOISE_MAG·std(u) (std of the truth where the filter starts), and a filter whose members run the
/// truth's ETDRK4 (a perfect-model background: the analyses estimate the truth and the model error is left whole to the
/// increment) is cycled every <see cref="AssimilationSettings.AnalysisEvery"/> fine steps. Around each sample time t_a
/// it analyses at t_a − 2Δt, t_a − Δt and t_a (Δt = NDT fine steps), and those three analysis means replace u_old, u0
/// and the target of the clean study.
/// </summary>
/// <remarks>
/// Why this and not the one-shot EnKF: the one-shot ensemble is centred on the noisy u0, so every member's forecast,
/// and ū_f, carries the observation noise η of u0 through the Crank–Nicolson step, and h = (ū_a − ū_f)/Δt carries
/// −CN·η/Δt (≈ 2.6 rms per point at NOISE_MAG 0.01) at every wavenumber; the analysis at t_a cannot remove it. The
/// cycled filter averages many observations before each sample, so its analysis error, and the error of the forecast
/// from it, is far below the observation noise. The filter starts <see cref="AssimilationSettings.Spinup"/> cycles
/// before the first sample from N(y, σ²I) around a noisy observation; it is not restarted between samples.
/// </remarks>
public static class KsAssimilatedSamples
{
    /// <summary>The estimated samples, the truth at the same times, the cycled run and the observation σ.</summary>
    /// <param name="Analysis">Analysis means in the layout of the truth samples (u_old, u0, target per sample).</param>
    /// <param name="Truth">The truth at those times.</param>
    /// <param name="Run">The cycled assimilation (statistics per cycle).</param>
    /// <param name="ObservationStd">σ of the observation noise (absolute, u units).</param>
    public sealed record Result(KsTruthSamples Analysis, KsTruthSamples Truth, AssimilationRun Run, double ObservationStd);

    /// <summary>The number of analysis cycles <see cref="Generate"/> runs for <paramref name="options"/> and <paramref name="settings"/>.</summary>
    public static int Cycles(KsDiscoveryOptions options, AssimilationSettings settings) =>
        Schedule(settings.Spinup, settings.AnalysisEvery, options.ModelStepRatio, options.Samples, options.Beta).Steps.Length;

    /// <summary>
    /// The analysis schedule in fine steps: <paramref name="spinup"/> cycles of <paramref name="every"/> steps that end
    /// at the first t_a − 2Δt, then per sample analyses at t_a − Δt and t_a, then (between samples) cycles of at most
    /// <paramref name="every"/> steps to the next t_a − 2Δt. Returns the steps before each cycle and, per sample, the
    /// cycles at t_a − 2Δt (the two after it are t_a − Δt and t_a).
    /// </summary>
    public static (int[] Steps, int[] FirstCycles) Schedule(int spinup, int every, int ratio, int samples, int beta)
    {
        if (samples > 1 && beta < 3 * ratio) throw new ArgumentOutOfRangeException(nameof(beta), beta, $"assimilated samples must be at least {3 * ratio} fine steps apart");
        var steps = new List<int>();
        for (int k = 0; k < spinup; k++) steps.Add(every);
        var first = new int[samples];
        for (int s = 0; s < samples; s++)
        {
            first[s] = steps.Count - 1;
            steps.Add(ratio);
            steps.Add(ratio);
            if (s == samples - 1) break;
            long left = beta - 2L * ratio;
            while (left > 0)
            {
                int d = (int)Math.Min(every, left);
                steps.Add(d);
                left -= d;
            }
        }
        return ([.. steps], first);
    }

    /// <summary>Runs the truth and the filter for the sampling of <paramref name="options"/>.</summary>
    /// <param name="options">Sampling (spin-up, samples, BETA, NDT), truth IC and noise (NOISE_MAG &gt; 0, its seed).</param>
    /// <param name="settings">The filter; <see cref="AssimilationSettings.AnalysisEvery"/> is in fine steps.</param>
    /// <param name="observeEvery">Observe every k-th grid point (1 = all).</param>
    /// <param name="progress">Called after each cycle.</param>
    public static Result Generate(KsDiscoveryOptions options, AssimilationSettings settings, int observeEvery = 1, Action<CycleStatistics>? progress = null)
    {
        options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (!(options.NoiseMagnitude > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.NoiseMagnitude, "assimilated KS samples need observation noise NOISE_MAG > 0");
        var truthParameters = KsParameters.MedidaTruth;
        int n = truthParameters.N, r = options.ModelStepRatio;
        if (observeEvery < 1 || observeEvery > n / 2) throw new ArgumentOutOfRangeException(nameof(observeEvery), observeEvery, $"observe every k-th point with k in [1, {n / 2}]");
        var (steps, first) = Schedule(settings.Spinup, settings.AnalysisEvery, r, options.Samples, options.Beta);
        long startStep = options.SpinUpSteps - 2L * r - (long)settings.Spinup * settings.AnalysisEvery;
        if (startStep < 0) throw new ArgumentOutOfRangeException(nameof(settings), startStep, $"the filter's spin-up ({settings.Spinup} cycles of {settings.AnalysisEvery} steps) must end after the truth's start: at most {(options.SpinUpSteps - 2 * r) / settings.AnalysisEvery} cycles");
        var clock = Stopwatch.StartNew();
        var x0 = new double[n];
        using (var truth = new KuramotoSivashinsky(truthParameters))
        {
            truth.SetState(KsTruthSamples.WithoutNyquist(KuramotoSivashinsky.InitialCondition(truthParameters, options.InitialNoise, options.Seed)));
            truth.Advance(checked((int)startStep));
            truth.CopyState(x0);
        }
        double sigma = options.NoiseMagnitude * Science.QgModel.FieldMath.StandardDeviation(x0);
        IObservationOperator h = observeEvery == 1 ? new IdentityObservation(n) : new SubsetObservation(n, [.. Enumerable.Range(0, n).Where(j => j % observeEvery == 0)]);
        var chronology = new Chronology(truthParameters.TimeStep, settings.AnalysisEvery, steps.Length, Math.Min(settings.Spinup, steps.Length - 1)) { Schedule = steps };
        // The ensemble starts around a noisy observation of the start state (white noise: ETDRK4 damps it at once
        // beyond κ ≈ 3, so only the large scales keep the initial spread).
        var noisyStart = (double[])x0.Clone();
        var e = new double[n];
        Science.Numerics.SeedSequence.Gaussian(Science.Numerics.SeedSequence.Derive(options.NoiseSeed, 9), sigma, e);
        for (int j = 0; j < n; j++) noisyStart[j] += e[j];
        var experiment = new TwinExperiment("ks-medida-twin",
            new ModelSpec("ks", new Dictionary<string, double> { ["n"] = n, ["length"] = truthParameters.Length, ["dt"] = truthParameters.TimeStep },
                () => new KuramotoSivashinsky(truthParameters)),
            h, ObservationError.Isotropic(h.ObservationSize, sigma), chronology, new InitialDistribution(noisyStart, sigma),
            LocalisationDomain.Ring(n, h, settings.Batch))
        {
            InitialTruth = x0,
        };
        var run = CycledAssimilation.Run(experiment, settings.ToMethod(), options.NoiseSeed, new AssimilationOptions { Progress = progress });
        clock.Stop();
        var times = new List<long>();
        List<double[]> aOld = [], aStart = [], aTarget = [], tOld = [], tStart = [], tTarget = [];
        for (int s = 0; s < options.Samples; s++)
        {
            int c = first[s];
            times.Add(options.SpinUpSteps + (long)s * options.Beta);
            aOld.Add(run.AnalysisMeans.AsSpan(c * n, n).ToArray());
            aStart.Add(run.AnalysisMeans.AsSpan((c + 1) * n, n).ToArray());
            aTarget.Add(run.AnalysisMeans.AsSpan((c + 2) * n, n).ToArray());
            tOld.Add(run.Truth.TruthAt(c).ToArray());
            tStart.Add(run.Truth.TruthAt(c + 1).ToArray());
            tTarget.Add(run.Truth.TruthAt(c + 2).ToArray());
        }
        return new Result(new KsTruthSamples(truthParameters, times, aOld, aStart, aTarget, clock.Elapsed),
            new KsTruthSamples(truthParameters, times, tOld, tStart, tTarget, clock.Elapsed), run, sigma);
    }
}
