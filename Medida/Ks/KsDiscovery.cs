using System.Diagnostics;
using System.Globalization;
using Science.Medida.Discovery;
using Science.Medida.Regression;
using Science.Models.Ks;
using Science.Numerics;
using Science.Numerics.Fft;
using Science.Medida.Increments;
using Science.Medida.Assimilated;

namespace Science.Medida.Ks;

/// <summary>Which state the KS library is evaluated at.</summary>
public enum KsLibraryState
{
    /// <summary>u0, the (observed) state the one-step forecast starts from (t_a − Δt).</summary>
    Start,
    /// <summary>The truth at t_a: the reference's analysis u_a with clean observations and no DA.</summary>
    Target,
    /// <summary>The midpoint (u0 + truth(t_a))/2, where the Crank–Nicolson step is centred.</summary>
    Midpoint,
}

/// <summary>How the KS increment is formed from the truth at t_a and the one-step forecast.</summary>
public enum KsIncrementKind
{
    /// <summary>The reference's h = (truth(t_a) − CNAB2(u0, u_old))/Δt (spec §10.2).</summary>
    Reference,
    /// <summary>
    /// The CNAB2 residual r = (1 − Δt/2·𝓛_model) h (applied per Fourier mode): the truth's step minus the model's
    /// Crank–Nicolson/Adams–Bashforth tendency. It removes the implicit filter (1 − Δt/2·𝓛)⁻¹ through which the
    /// reference's h sees the missing terms.
    /// </summary>
    Residual,
}

/// <summary>
/// How MEDIDA-KS samples the truth and builds increments (spec §10.2). The sampling is the reference's: samples at
/// fine steps t_a = 100 000 + k·10 000, k = 0…9, of an ETDRK4 truth with dt = 1e−3; a model step of Δt = 5 fine steps;
/// the reference's finite-difference library; RVM tol 0.1.
/// </summary>
/// <remarks>
/// <para>Three defaults differ from the reference, each kept as an option (measured on all 18 cases, clean
/// observations, spec sampling; table in bench/results/ks-discovery.md):</para>
/// <list type="bullet">
/// <item><see cref="Increment"/> = <see cref="KsIncrementKind.Residual"/>. The reference's h sees a missing term through
/// the Crank–Nicolson filter (1 − Δt/2·𝓛)⁻¹, which damps the broad-band u u_x most: with h, m(uu_x) is 2.5–5 % low
/// (cases 1, 6, 7, 12) and case 11 gets a spurious uu_xxx, with finite-difference <i>and</i> with spectral
/// derivatives. With the residual every case is within 1.62 % (finite differences) or 0.01 % (spectral).</item>
/// <item><see cref="LibraryState"/> = <see cref="KsLibraryState.Midpoint"/>, where the CN step is centred (spec:
/// u_a, i.e. <see cref="KsLibraryState.Target"/>); with spectral derivatives it makes the residual fit exact to
/// 4 digits (u0 or t_a: up to 1.1 % on case 11).</item>
/// <item><see cref="Thresholds"/> = 1e2, 1e3, …, 1e7 with the δ-rule (reference: 1e2 only). The RVM prunes a term
/// whose α ≈ 1/m² exceeds the threshold, so 1e2 drops m = 0.1 (case 101) and m = 0.0225 (case 203); the sweep keeps
/// them and the δ-rule still picks the sparsest fit.</item>
/// </list>
/// <para>The reference's derivatives (<see cref="KsDerivativeKind.FiniteDifference"/>) stay the default; spectral
/// derivatives (the spec's recommended option) bring the worst error from 1.6 % down to below 0.01 %.</para>
/// <para><see cref="Reference"/> is the reference's configuration.</para>
/// </remarks>
public sealed record KsDiscoveryOptions
{
    /// <summary>The first sample time in fine steps (the spin-up); must be ≥ 2·<see cref="ModelStepRatio"/>.</summary>
    public int SpinUpSteps { get; init; } = 100_000;
    /// <summary>Number of samples.</summary>
    public int Samples { get; init; } = 10;
    /// <summary>Fine steps between samples (BETA).</summary>
    public int Beta { get; init; } = 10_000;
    /// <summary>Model step in fine steps (NDT = 5, Δt = 5e−3).</summary>
    public int ModelStepRatio { get; init; } = 5;
    /// <summary>Standard deviation of the i.i.d. noise added to the Kassam–Trefethen initial condition.</summary>
    public double InitialNoise { get; init; } = 1e-3;
    /// <summary>Seed of the initial-condition noise.</summary>
    public int Seed { get; init; }
    /// <summary>
    /// Relative observation noise NOISE_MAG on u_old and u0 (spec §10.2; 0 = clean, the default here); without the
    /// one-shot EnKF (ratio 0) the target at t_a is observed with the same noise too.
    /// </summary>
    public double NoiseMagnitude { get; init; }
    /// <summary>Seed of the observation noise.</summary>
    public int NoiseSeed { get; init; } = 100;
    /// <summary>
    /// Members of the one-shot EnKF of the first MEDIDA paper (spec §10.2–10.3; <see cref="KsOneShotEnkf"/>); 0 = no data
    /// assimilation (the spec's ratio 0: the noisy u0 is the estimate). The paper used 10 240 = 10 N. The analysis uses
    /// σ_m = <see cref="NoiseMagnitude"/> as an absolute observation-error std (as the reference), so it needs
    /// <see cref="NoiseMagnitude"/> &gt; 0 unless the members outnumber the grid points.
    /// </summary>
    public int EnsembleMembers { get; init; }
    /// <summary>
    /// The one-shot analysis of <see cref="EnsembleMembers"/>: null = the paper's KS-reference EnKF (full P_f, the clean
    /// truth perturbed per member); otherwise its ensemble-space generalisation with this method (ETKF, EnKF or LETKF;
    /// its members are <see cref="EnsembleMembers"/>) on one realised noisy observation (<see cref="KsOneShotEnkf.AnalyseInEnsembleSpace"/>).
    /// </summary>
    public Science.Assimilation.Methods.EnsembleMethod? OneShotMethod { get; init; }
    /// <summary>σ_b of the members' i.i.d. perturbations of u0 (spec §10.2: 0.25).</summary>
    public double BackgroundSpread { get; init; } = 0.25;
    /// <summary>
    /// Re-centre the EnKF's observation perturbations ε_i to zero mean (the toolkit's convention; the reference does
    /// not, so its analysis mean carries K·ε̄, white noise of std σ_m/√N that the library's 4th derivative amplifies).
    /// </summary>
    public bool RecentrePerturbations { get; init; }
    /// <summary>
    /// A cycled ensemble filter whose analysis means replace the noisy observed states (the analysis-state form,
    /// <see cref="KsAssimilatedSamples"/>; needs <see cref="NoiseMagnitude"/> &gt; 0 and excludes the one-shot
    /// <see cref="EnsembleMembers"/>); null = none. Its <see cref="AssimilationSettings.AnalysisEvery"/> is in fine steps.
    /// </summary>
    public AssimilationSettings? Analysis { get; init; }
    /// <summary>With <see cref="Analysis"/>: observe every k-th grid point (1 = all, the default).</summary>
    public int ObserveEvery { get; init; } = 1;
    /// <summary>
    /// The KS analysis-state filter found to work at NOISE_MAG 0.01 (bench/results/ks-noisy-discovery.md): LETKF,
    /// N = 20, Gaspari–Cohn half-width 30 grid points, RTPS 0.5 without multiplicative inflation, an analysis every 5
    /// fine steps (every model step), 200 spin-up cycles, local analyses in blocks of 8 points.
    /// </summary>
    public static AssimilationSettings KsFilter { get; } = new()
    {
        Method = "letkf", Members = 20, Localisation = 30, Inflation = 1.0, Rtps = 0.5, AnalysisEvery = 5, Spinup = 200, Batch = 8,
    };
    /// <summary>Seed of the ensemble's perturbations and of the EnKF's observation perturbations.</summary>
    public int EnsembleSeed { get; init; } = 200;
    /// <summary>Derivatives of the library.</summary>
    public KsDerivativeKind Derivatives { get; init; } = KsDerivativeKind.FiniteDifference;
    /// <summary>The state the library is evaluated at (default the CN midpoint; the reference: the truth at t_a).</summary>
    public KsLibraryState LibraryState { get; init; } = KsLibraryState.Midpoint;
    /// <summary>How the increment is formed (default the CNAB2 residual; the reference: h).</summary>
    public KsIncrementKind Increment { get; init; } = KsIncrementKind.Residual;
    /// <summary>RVM thresholds on α, one sweep with the δ-rule (default 1e2 … 1e7 in decades; the reference: 1e2 only).</summary>
    public IReadOnlyList<double> Thresholds { get; init; } = DefaultThresholds;
    /// <summary>
    /// The regression filter: 0 = off (the default and the reference); f &gt; 0 multiplies every library column and h,
    /// sample by sample, by exp(−(κ/(f·κ_max))²) in Fourier space (κ_max = π/dx) before the regression. With states
    /// from a filter (<see cref="KsAssimilatedSamples"/>) the analysis error sits partly at high κ, where the
    /// library's 4th derivative amplifies it by up to (π/dx)⁴ ≈ 10⁶ and turns the u_xxxx column into noise; the low-pass
    /// keeps the regression to the scales the truth lives on (κ ≲ 2 here; f = 0.08 keeps κ ≲ 2.6).
    /// </summary>
    public double RegressionFilter { get; init; }
    /// <summary>RVM tolerance on α (reference 0.1).</summary>
    public double Tolerance { get; init; } = 0.1;
    /// <summary>δ of the selection rule (only matters with several thresholds).</summary>
    public double Delta { get; init; } = 1e-3;

    /// <summary>The default sweep 1e2, 1e3, …, 1e7.</summary>
    public static IReadOnlyList<double> DefaultThresholds { get; } = [1e2, 1e3, 1e4, 1e5, 1e6, 1e7];

    /// <summary>The reference's configuration (spec §10.2, §10.4): increment h, library at the truth at t_a, RVM threshold 1e2 only.</summary>
    public static KsDiscoveryOptions Reference { get; } = new() { Increment = KsIncrementKind.Reference, LibraryState = KsLibraryState.Target, Thresholds = [1e2] };

    /// <summary>
    /// A reduced sampling for tests: 4 samples at fine steps 30 000 + k·2 000 (about 36 000 ETDRK4 steps, a few
    /// seconds), otherwise the defaults.
    /// </summary>
    public static KsDiscoveryOptions Reduced { get; } = new() { SpinUpSteps = 30_000, Samples = 4, Beta = 2_000 };

    /// <summary>Throws on an invalid option; returns this.</summary>
    public KsDiscoveryOptions Validated()
    {
        if (ModelStepRatio < 1) throw new ArgumentOutOfRangeException(nameof(ModelStepRatio), ModelStepRatio, "the model step must be ≥ 1 fine step");
        if (SpinUpSteps < 2 * ModelStepRatio) throw new ArgumentOutOfRangeException(nameof(SpinUpSteps), SpinUpSteps, "the first sample needs two model steps of history");
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "at least one sample");
        if (Samples > 1 && Beta < 2 * ModelStepRatio) throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "samples must be at least two model steps apart");
        if (!(NoiseMagnitude >= 0) || !double.IsFinite(NoiseMagnitude)) throw new ArgumentOutOfRangeException(nameof(NoiseMagnitude), NoiseMagnitude, "noise must be ≥ 0");
        if (!(InitialNoise >= 0) || !double.IsFinite(InitialNoise)) throw new ArgumentOutOfRangeException(nameof(InitialNoise), InitialNoise, "noise must be ≥ 0");
        if (EnsembleMembers < 0 || EnsembleMembers == 1) throw new ArgumentOutOfRangeException(nameof(EnsembleMembers), EnsembleMembers, "ensemble members must be 0 (no DA) or ≥ 2");
        if (!(BackgroundSpread >= 0) || !double.IsFinite(BackgroundSpread)) throw new ArgumentOutOfRangeException(nameof(BackgroundSpread), BackgroundSpread, "the background spread must be finite and ≥ 0");
        if (Thresholds is null || Thresholds.Count == 0) throw new ArgumentException("at least one threshold", nameof(Thresholds));
        if (!(RegressionFilter >= 0) || !double.IsFinite(RegressionFilter)) throw new ArgumentOutOfRangeException(nameof(RegressionFilter), RegressionFilter, "the regression filter must be 0 (off) or a fraction > 0 of the largest wavenumber");
        if (Analysis is not null)
        {
            Analysis.Validate();
            if (EnsembleMembers > 0) throw new ArgumentOutOfRangeException(nameof(EnsembleMembers), EnsembleMembers, "the one-shot EnKF members and a cycled analysis exclude each other");
            if (!(NoiseMagnitude > 0)) throw new ArgumentOutOfRangeException(nameof(NoiseMagnitude), NoiseMagnitude, "a cycled analysis needs observation noise NOISE_MAG > 0");
        }
        if (OneShotMethod is not null && (EnsembleMembers < 2 || !(NoiseMagnitude > 0)))
            throw new ArgumentOutOfRangeException(nameof(OneShotMethod), OneShotMethod.Kind, "the ensemble-space one-shot needs EnsembleMembers ≥ 2 and observation noise NOISE_MAG > 0");
        if (ObserveEvery is < 1 or > 512) throw new ArgumentOutOfRangeException(nameof(ObserveEvery), ObserveEvery, "observe every k-th point with k in [1, 512]");
        if (!Enum.IsDefined(Increment)) throw new ArgumentOutOfRangeException(nameof(Increment), Increment, "the increment must be Reference or Residual");
        if (!Enum.IsDefined(LibraryState)) throw new ArgumentOutOfRangeException(nameof(LibraryState), LibraryState, "the library state must be Start, Target or Midpoint");
        return this;
    }
}

/// <summary>The truth at the sample times: per sample u_old (t_a − 2Δt), u0 (t_a − Δt) and the target (t_a).</summary>
/// <param name="Truth">The truth's parameters.</param>
/// <param name="Times">Sample times t_a in fine steps.</param>
/// <param name="Previous">u_old per sample.</param>
/// <param name="Start">u0 per sample.</param>
/// <param name="Target">The truth at t_a per sample.</param>
/// <param name="Elapsed">Wall time of the truth run.</param>
public sealed record KsTruthSamples(KsParameters Truth, IReadOnlyList<long> Times, IReadOnlyList<double[]> Previous,
    IReadOnlyList<double[]> Start, IReadOnlyList<double[]> Target, TimeSpan Elapsed)
{
    /// <summary>Runs the ETDRK4 truth (MEDIDA's, dt = 1e−3) from the seeded initial condition and keeps the sample levels.</summary>
    public static KsTruthSamples Generate(KsDiscoveryOptions options, KsParameters? truth = null)
    {
        options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
        truth ??= KsParameters.MedidaTruth;
        var clock = Stopwatch.StartNew();
        var model = new KuramotoSivashinsky(truth);
        model.SetState(WithoutNyquist(KuramotoSivashinsky.InitialCondition(truth, options.InitialNoise, options.Seed)));
        int r = options.ModelStepRatio;
        var times = new List<long>();
        var prev = new List<double[]>();
        var start = new List<double[]>();
        var target = new List<double[]>();
        long now = 0;
        for (int k = 0; k < options.Samples; k++)
        {
            long ta = options.SpinUpSteps + (long)k * options.Beta;
            model.Advance(checked((int)(ta - 2 * r - now)));
            prev.Add(Copy(model));
            model.Advance(r);
            start.Add(Copy(model));
            model.Advance(r);
            target.Add(Copy(model));
            now = ta;
            times.Add(ta);
        }
        clock.Stop();
        return new KsTruthSamples(truth, times, prev, start, target, clock.Elapsed);
    }

    /// <summary>
    /// Removes the Nyquist mode: the model carries it unchanged (κ = 0 there), so IC noise in it would persist as a
    /// ±a grid-scale oscillation that the library's derivatives amplify by up to (π/dx)⁴.
    /// </summary>
    internal static double[] WithoutNyquist(double[] u)
    {
        var fft = new RealFft1D(u.Length);
        var re = new double[fft.SpectrumLength];
        var im = new double[fft.SpectrumLength];
        fft.Forward(u, re, im);
        if (u.Length % 2 == 0)
        {
            re[^1] = 0;
            im[^1] = 0;
        }
        fft.Inverse(re, im, u);
        return u;
    }

    private static double[] Copy(KuramotoSivashinsky m)
    {
        var u = new double[m.StateSize];
        m.CopyState(u);
        return u;
    }
}

/// <summary>
/// MEDIDA for the Kuramoto–Sivashinsky model (spec §10): increments h = (truth(t_a) − forecast)/Δt of one CNAB2 step
/// of the imperfect model from u0 (with u_old one model step earlier), by default turned into the CNAB2 residual
/// (1 − Δt/2·𝓛_model) h (see <see cref="KsDiscoveryOptions"/> for why), the 24-term library at the CN midpoint
/// (or at u0, or at the truth at t_a), all samples stacked, and the RVM through <see cref="ModelErrorDiscovery.Discover(Cases.IErrorCase, DesignMatrix, IReadOnlyList{double[]}, Cases.ExpectedAnswer?, DiscoverySettings, IReadOnlyDictionary{string, string}?)"/>
/// with one target (layer 1). Observations are the clean truth unless <see cref="KsDiscoveryOptions.NoiseMagnitude"/>
/// &gt; 0; there is no EnKF here.
/// </summary>
public static class KsDiscovery
{
    /// <summary>Runs case <paramref name="caseId"/> from a fresh truth run (and a cycled filter with <see cref="KsDiscoveryOptions.Analysis"/>).</summary>
    /// <param name="caseId">The KS case.</param>
    /// <param name="options">Sampling, noise, increment, library and regression; null = defaults.</param>
    /// <param name="progress">Called after each analysis cycle of the filter (with <see cref="KsDiscoveryOptions.Analysis"/>).</param>
    public static DiscoveryReport Run(int caseId, KsDiscoveryOptions? options = null, Action<Science.Assimilation.Statistics.CycleStatistics>? progress = null)
    {
        options = (options ?? new KsDiscoveryOptions()).Validated();
        var c = KsCaseCatalogue.Get(caseId);
        return options.Analysis is { } a
            ? Run(c, KsAssimilatedSamples.Generate(options, a, options.ObserveEvery, progress), options)
            : Run(c, KsTruthSamples.Generate(options), options);
    }

    /// <summary>Runs <paramref name="errorCase"/> on truth samples already generated with the same options.</summary>
    public static DiscoveryReport Run(KsCase errorCase, KsTruthSamples truth, KsDiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(errorCase);
        ArgumentNullException.ThrowIfNull(truth);
        options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
        var clock = Stopwatch.StartNew();
        var (design, target) = BuildProblem(errorCase, truth, options);
        var settings = new DiscoverySettings
        {
            Library = KsLibrary.Candidates(options.Derivatives),
            Regressor = RegressorKind.Rvm,
            Thresholds = options.Thresholds,
            Tolerance = options.Tolerance,
            Delta = options.Delta,
        };
        var info = new Dictionary<string, string>
        {
            ["model"] = "ks",
            ["truth"] = truth.Truth.ToString(),
            ["imperfect_model"] = errorCase.Model(ModelGrid(truth.Truth, options)).ToString(),
            ["samples"] = truth.Times.Count.ToString(CultureInfo.InvariantCulture),
            ["sample_steps"] = string.Join(",", truth.Times),
            ["model_step_ratio"] = options.ModelStepRatio.ToString(CultureInfo.InvariantCulture),
            ["derivatives"] = options.Derivatives == KsDerivativeKind.FiniteDifference ? "finite-difference" : "spectral",
            ["library_state"] = options.LibraryState switch { KsLibraryState.Start => "u0", KsLibraryState.Target => "truth(t_a)", _ => "(u0 + truth(t_a))/2" },
            ["increment"] = options.Increment == KsIncrementKind.Reference ? "reference" : "residual",
            ["noise_magnitude"] = options.NoiseMagnitude.ToString("G", CultureInfo.InvariantCulture),
            ["regression_filter"] = options.RegressionFilter.ToString("G", CultureInfo.InvariantCulture),
            ["observations"] = options.EnsembleMembers > 0
                ? options.OneShotMethod is { } m
                    ? string.Create(CultureInfo.InvariantCulture, $"full; one-shot {m.Kind} in ensemble space, {options.EnsembleMembers} members, σ_b {options.BackgroundSpread:G3}, σ = {options.NoiseMagnitude:G3}·std(w)")
                    : string.Create(CultureInfo.InvariantCulture, $"full; one-shot KS-reference EnKF, {options.EnsembleMembers} members, σ_b {options.BackgroundSpread:G3}, σ_m {options.NoiseMagnitude:G3}")
                : "full; analysis = observation (no DA)",
            ["truth_seconds"] = truth.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture),
        };
        var report = ModelErrorDiscovery.Discover(errorCase, design, [target], errorCase.Expected(), settings, info);
        clock.Stop();
        return report with { RegressionTime = clock.Elapsed };
    }

    /// <summary>
    /// Runs <paramref name="errorCase"/> on samples estimated by a cycled filter (<see cref="KsAssimilatedSamples"/>):
    /// the analysis means stand for u_old, u0 and the target, with no further noise and no one-shot EnKF; the filter's
    /// scores go into the report's notes.
    /// </summary>
    public static DiscoveryReport Run(KsCase errorCase, KsAssimilatedSamples.Result assimilated, KsDiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(assimilated);
        ArgumentNullException.ThrowIfNull(options);
        var report = Run(errorCase, assimilated.Analysis, options with { EnsembleMembers = 0, NoiseMagnitude = 0, Analysis = null });
        var s = assimilated.Run.Summary;
        var settings = new Dictionary<string, string>(report.Settings)
        {
            ["noise_magnitude"] = options.NoiseMagnitude.ToString("G", CultureInfo.InvariantCulture),
            ["observations"] = string.Create(CultureInfo.InvariantCulture,
                $"{assimilated.Run.Experiment.Observation.ObservationSize} of {assimilated.Run.StateSize} points, σ {assimilated.ObservationStd:G4}; cycled {assimilated.Run.Method.Kind} N={assimilated.Run.Method.Members} (truth-model background): rmse_a {s.RmseAnalysis:G4}, spread/rmse {s.SpreadRatio:F2}"),
        };
        return report with { Settings = settings };
    }

    /// <summary>The stacked library (rows sample-major, then grid order) and the stacked increment h.</summary>
    public static (DesignMatrix Design, double[] Target) BuildProblem(KsCase errorCase, KsTruthSamples truth, KsDiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(errorCase);
        ArgumentNullException.ThrowIfNull(truth);
        options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
        var parameters = errorCase.Model(ModelGrid(truth.Truth, options));
        var model = new KuramotoSivashinsky(parameters);
        int n = parameters.N, samples = truth.Times.Count;
        double dt = parameters.TimeStep;
        var h = new double[n * samples];
        var states = new List<double[]>(samples);
        var forecast = new double[n];
        for (int s = 0; s < samples; s++)
        {
            var uOld = (double[])truth.Previous[s].Clone();
            var u0 = (double[])truth.Start[s].Clone();
            if (options.NoiseMagnitude > 0)
            {
                AddRelativeNoise(uOld, options.NoiseMagnitude, options.NoiseSeed + 2 * s);
                AddRelativeNoise(u0, options.NoiseMagnitude, options.NoiseSeed + 2 * s + 1);
            }
            var w = truth.Target[s];
            var hs = new double[n];
            if (options.EnsembleMembers > 0)
            {
                // The analysis ū_a replaces the truth at t_a; h = (ū_a − ū_f)/Δt (spec §10.2).
                var analysis = new double[n];
                if (options.OneShotMethod is { } method)
                    KsOneShotEnkf.AnalyseInEnsembleSpace(parameters, uOld, u0, w, options.EnsembleMembers, options.BackgroundSpread,
                        method with { Members = options.EnsembleMembers }, options.NoiseMagnitude, SeedSequence.Derive(options.EnsembleSeed, s), analysis, forecast);
                else
                    KsOneShotEnkf.Analyse(parameters, uOld, u0, w, options.EnsembleMembers, options.BackgroundSpread, options.NoiseMagnitude,
                        SeedSequence.Derive(options.EnsembleSeed, s), analysis, forecast, options.RecentrePerturbations);
                OneStepIncrement.FromForecast(analysis, forecast, dt, hs);
                w = analysis;
            }
            else
            {
                // No DA (the spec's ratio 0): the target is observed too, with the same relative noise; the clean truth
                // at t_a is used only by the EnKF, as in the reference.
                if (options.NoiseMagnitude > 0)
                {
                    w = (double[])w.Clone();
                    AddRelativeNoise(w, options.NoiseMagnitude, SeedSequence.Derive(options.NoiseSeed, 1_000_000 + s));
                }
                OneStepIncrement.Compute(model, uOld, u0, w, hs, forecast);
            }
            if (options.Increment == KsIncrementKind.Residual) Precondition(model.Operator, dt, hs);
            hs.CopyTo(h, s * n);
            states.Add(options.LibraryState switch
            {
                KsLibraryState.Start => u0,
                KsLibraryState.Target => w,
                _ => [.. u0.Zip(w, (a, b) => 0.5 * (a + b))],
            });
        }
        var design = KsLibrary.Build(states, parameters.Dx, options.Derivatives);
        if (options.RegressionFilter > 0)
        {
            var filter = new KsLowPass(n, options.RegressionFilter);
            var columns = new double[design.Columns][];
            for (int j = 0; j < design.Columns; j++)
            {
                columns[j] = design.Column(j).ToArray();
                for (int s = 0; s < samples; s++) filter.Apply(columns[j].AsSpan(s * n, n));
            }
            for (int s = 0; s < samples; s++) filter.Apply(h.AsSpan(s * n, n));
            design = new DesignMatrix(design.Labels, columns);
        }
        return (design, h);
    }

    // h ← (1 − Δt/2·𝓛) h mode by mode (𝓛 complex with the "+u_xxx" term).
    private static void Precondition(KsOperator op, double dt, double[] h)
    {
        var re = new double[op.Modes];
        var im = new double[op.Modes];
        op.Fft.Forward(h, re, im);
        var lr = op.LinearReal;
        var li = op.LinearImaginary;
        for (int k = 0; k < re.Length; k++)
        {
            double a = 1 - 0.5 * dt * lr[k], b = li.Length == 0 ? 0 : -0.5 * dt * li[k];
            (re[k], im[k]) = (a * re[k] - b * im[k], a * im[k] + b * re[k]);
        }
        op.Fft.Inverse(re, im, h);
    }

    private static KsParameters ModelGrid(KsParameters truth, KsDiscoveryOptions options) =>
        truth with { TimeStep = truth.TimeStep * options.ModelStepRatio, Stepper = KsStepperKind.Cnab2 };

    private static void AddRelativeNoise(double[] u, double magnitude, int seed)
    {
        double mean = u.Average();
        double std = Math.Sqrt(u.Sum(v => (v - mean) * (v - mean)) / u.Length);
        var e = new double[u.Length];
        SeedSequence.Gaussian(seed, magnitude * std, e);
        for (int j = 0; j < u.Length; j++) u[j] += e[j];
    }
}
