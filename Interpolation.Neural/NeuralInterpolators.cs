using System.Runtime.CompilerServices;

namespace Science.Interpolation.Neural;

/// <summary>
/// Registers the neural interpolators <c>rff</c> and <c>mlp</c> with <see cref="InterpolatorCatalogue"/>. This happens
/// when the Science.Interpolation.Neural assembly is loaded (module initializer); an application that wants them in the
/// catalogue before touching any neural type (the CLI) calls <see cref="Register"/> at start-up (idempotent). Loading
/// this assembly does not load libtorch: that happens at the first network.
/// </summary>
/// <remarks>
/// Config keys (snake_case, in the interpolator config file next to the built-in ones):
/// <list type="bullet">
/// <item><c>neural_preset</c>: <c>paper</c>, <c>cpu-small</c> (default), <c>cpu-medium</c> or <c>tiny</c> — the starting point;</item>
/// <item><c>hidden</c> (H), <c>deep</c> (DEEP), <c>rff_sigma</c> (σ; set it per experiment or choose it with
/// <see cref="SigmaSelection"/>, spec §12 #5), <c>adam_steps</c>, <c>lr</c>;</item>
/// <item><c>lr_schedule</c> (<c>constant</c>, <c>cosine</c>, <c>step</c>), <c>lr_min</c>, <c>lr_decay_every</c>,
/// <c>lr_decay_factor</c>; <c>lbfgs_steps</c>, <c>lbfgs_lr</c>;</item>
/// <item><c>gamma_diff</c>, <c>gamma_lapl</c> (default 0), <c>normalize_targets</c>, <c>log_every</c>.</item>
/// </list>
/// The shared <c>threads</c> key sets libtorch's intra-op threads (≤ 0, the shared default meaning "all cores", maps to
/// 1 here: one thread was twice as fast as two on these 2-core machines); a non-zero shared <c>seed</c> overrides the
/// experiment's seed for the network initialisation.
/// </remarks>
public static class NeuralInterpolators
{
    /// <summary>The config keys read by the neural interpolators.</summary>
    public static IReadOnlyList<string> OptionKeys { get; } =
    [
        "neural_preset", "hidden", "deep", "rff_sigma", "adam_steps", "lr", "lr_schedule", "lr_min", "lr_decay_every",
        "lr_decay_factor", "lbfgs_steps", "lbfgs_lr", "gamma_diff", "gamma_lapl", "normalize_targets", "log_every",
    ];

    /// <summary>Registers (or re-registers) <c>rff</c> and <c>mlp</c>.</summary>
    public static void Register()
    {
        InterpolatorCatalogue.Register(RffMlpInterpolator.InterpolatorName, o => new RffMlpInterpolator(OptionsFrom(o)),
            "random-Fourier-feature MLP (TorchSharp, CPU): γ(v) = [cos 2πBv, sin 2πBv], tanh trunk; choose rff_sigma by held-out validation",
            OptionKeys);
        InterpolatorCatalogue.Register(MlpInterpolator.InterpolatorName, o => new MlpInterpolator(OptionsFrom(o)),
            "plain MLP (TorchSharp, CPU): linear 2 → H on (X, Y), tanh trunk; the spectral-biased baseline",
            OptionKeys);
    }

    /// <summary>The neural settings described by the shared options and their extra keys (see remarks of the class).</summary>
    /// <exception cref="ArgumentException">Unknown preset.</exception>
    /// <exception cref="FormatException">A key with a value of the wrong type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (the message names it).</exception>
    public static NeuralInterpolatorOptions OptionsFrom(InterpolatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var p = NeuralInterpolatorOptions.Preset(options.GetExtra("neural_preset", "cpu-small"));
        var o = p with
        {
            Hidden = options.GetExtra("hidden", p.Hidden),
            Depth = options.GetExtra("deep", p.Depth),
            Sigma = options.GetExtra("rff_sigma", p.Sigma),
            Steps = options.GetExtra("adam_steps", p.Steps),
            LearningRate = options.GetExtra("lr", p.LearningRate),
            Schedule = options.GetExtra("lr_schedule", p.Schedule),
            MinLearningRate = options.GetExtra("lr_min", p.MinLearningRate),
            DecayEvery = options.GetExtra("lr_decay_every", p.DecayEvery),
            DecayFactor = options.GetExtra("lr_decay_factor", p.DecayFactor),
            LbfgsSteps = options.GetExtra("lbfgs_steps", p.LbfgsSteps),
            LbfgsLearningRate = options.GetExtra("lbfgs_lr", p.LbfgsLearningRate),
            GammaDiff = options.GetExtra("gamma_diff", p.GammaDiff),
            GammaLapl = options.GetExtra("gamma_lapl", p.GammaLapl),
            NormalizeTargets = options.GetExtra("normalize_targets", p.NormalizeTargets),
            LogEvery = options.GetExtra("log_every", p.LogEvery),
            Threads = options.Threads > 0 ? options.Threads : 1,
            Seed = options.Seed != 0 ? options.Seed : p.Seed,
        };
        o.Validate();
        return o;
    }

#pragma warning disable CA2255 // Registering on load makes rff and mlp available as soon as this assembly is used.
    [ModuleInitializer]
    internal static void RegisterOnLoad() => Register();
#pragma warning restore CA2255
}
