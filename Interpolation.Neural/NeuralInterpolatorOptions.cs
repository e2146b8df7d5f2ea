using System.Text.Json.Serialization;

namespace Science.Interpolation.Neural;

/// <summary>The two coordinate networks of spec §9.1–§9.2.</summary>
public enum NetworkKind
{
    /// <summary>Random-Fourier-feature MLP: γ(v) = [cos(2πBv), sin(2πBv)] with fixed B ~ N(0, σ²), then the tanh trunk.</summary>
    RffMlp,
    /// <summary>Plain MLP (the spectral-biased baseline): a linear 2 → H layer on (X, Y), then the same trunk.</summary>
    Mlp,
}

/// <summary>Learning-rate schedule of the Adam stage.</summary>
public enum LearningRateSchedule
{
    /// <summary>Constant rate, as the reference (no schedule).</summary>
    Constant,
    /// <summary>Cosine annealing from the rate to <see cref="NeuralInterpolatorOptions.MinLearningRate"/> over the Adam steps.</summary>
    Cosine,
    /// <summary>Multiply the rate by <see cref="NeuralInterpolatorOptions.DecayFactor"/> every <see cref="NeuralInterpolatorOptions.DecayEvery"/> steps.</summary>
    Step,
}

/// <summary>
/// Architecture and training settings of the neural interpolators (spec §9.1–§9.2, §12 #3–#6, #19–#20).
/// </summary>
/// <remarks>
/// <para>
/// Training is full batch in float32 with Adam + AMSGrad (ε = 1e−8, no weight decay), optionally followed by L-BFGS
/// polishing. The loss is the relative MSE L = mean_{p,k}(ψ̂_k − w_k)² / mean_{p,k}(w_k²) jointly over both layers
/// and all sensors, plus the optional penalties <see cref="GammaDiff"/> and <see cref="GammaLapl"/> (default 0).
/// </para>
/// <para>
/// <see cref="NormalizeTargets"/> (default off) is a re-parametrisation, not a change of the loss: the network's two raw
/// outputs are mapped to ψ̂_k = mean_k + std_k · out_k with the per-layer mean and standard deviation of the sensor
/// values (stored with the model), and the loss is still evaluated on ψ̂ in physical units. Measured on the shipped
/// snapshot at SR 0.75 (H 128, 3 layers, 500 Adam steps) it did not help: final loss 9.8e−5 vs 6.6e−5 (RFF, σ 1) and
/// 1.2e−2 vs 4.1e−3 (MLP) with vs without, so it is off by default.
/// </para>
/// </remarks>
public sealed record NeuralInterpolatorOptions
{
    /// <summary>Width H of every hidden layer; for the RFF network also the number of features (H/2 cos + H/2 sin). Even, ≥ 2.</summary>
    public int Hidden { get; init; } = 128;
    /// <summary>Number of tanh layers H → H (DEEP), ≥ 1. Every layer is distinct (§12 #19).</summary>
    public int Depth { get; init; } = 3;
    /// <summary>Standard deviation σ of the Fourier matrix B (RFF_SIGMA); ignored by the plain MLP. Choose it by held-out validation (<see cref="SigmaSelection"/>).</summary>
    public double Sigma { get; init; } = 1.0;
    /// <summary>Adam iterations (NUM_EPOCHS_ADAM), ≥ 0.</summary>
    public int Steps { get; init; } = 2000;
    /// <summary>Adam learning rate (LR0).</summary>
    public double LearningRate { get; init; } = 0.01;
    /// <summary>Adam β1.</summary>
    public double Beta1 { get; init; } = 0.9;
    /// <summary>Adam β2.</summary>
    public double Beta2 { get; init; } = 0.999;
    /// <summary>Learning-rate schedule; constant (the reference) by default.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;
    /// <summary>Final rate of the cosine schedule.</summary>
    public double MinLearningRate { get; init; }
    /// <summary>Steps between decays of the step schedule; 0 = a third of <see cref="Steps"/>.</summary>
    public int DecayEvery { get; init; }
    /// <summary>Factor of each decay of the step schedule.</summary>
    public double DecayFactor { get; init; } = 0.1;
    /// <summary>L-BFGS iterations after Adam (NUM_EPOCHS_BFGS), one loss evaluation each, history 100; 0 by default.</summary>
    public int LbfgsSteps { get; init; }
    /// <summary>L-BFGS step length (no line search in TorchSharp).</summary>
    public double LbfgsLearningRate { get; init; } = 0.1;
    /// <summary>Weight γ_d of the interface penalty MSE(ψ̂1 − ψ̂2, w1 − w2) (GAMMA_DIFF); 0 by default (§12 #3).</summary>
    public double GammaDiff { get; init; }
    /// <summary>Weight γ_l of the penalty MSE(∇²ψ̂1 + ∇²ψ̂2, 0) at the sensors, by autograd in (X, Y) (GAMMA_LAPL); 0 by default.</summary>
    public double GammaLapl { get; init; }
    /// <summary>Per-layer output scaling by the targets' mean and std (see remarks; off by default); the loss is unchanged.</summary>
    public bool NormalizeTargets { get; init; }
    /// <summary>Log the loss every this many steps; 0 = 50 logs per run, as the reference (§13 E3).</summary>
    public int LogEvery { get; init; }
    /// <summary>Intra-op threads of libtorch; 1 by default (fastest on 2-core machines, bitwise repeatable).</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Seed of the network generator; null = the <see cref="InterpolationContext.Seed"/>.</summary>
    public int? Seed { get; init; }

    /// <summary>
    /// The paper's settings: H 1000, 4 layers, σ 10 (the CLI default; choose σ by validation), 200 000 Adam steps at
    /// 0.01. About 17 minutes per network on the reference GPU, but roughly 3 s per step here on one CPU thread at
    /// SR 0.75, i.e. about a week per network (days on both cores): for a GPU machine, not for CPU runs.
    /// </summary>
    public static NeuralInterpolatorOptions Paper { get; } = new() { Hidden = 1000, Depth = 4, Sigma = 10, Steps = 200_000 };

    /// <summary>
    /// CPU preset (the default): H 128, 3 layers, σ 1, 3 000 Adam steps with cosine decay to 1e−4. About 0.06–0.07 s of
    /// CPU per step at SR 0.75 (13 824 sensors) on one thread, so 3–4 minutes per network.
    /// </summary>
    public static NeuralInterpolatorOptions CpuSmall { get; } = new()
    {
        Hidden = 128, Depth = 3, Sigma = 1, Steps = 3_000, Schedule = LearningRateSchedule.Cosine, MinLearningRate = 1e-4,
    };

    /// <summary>
    /// CPU preset: H 256, 3 layers, σ 1, 2 000 Adam steps with cosine decay to 1e−4. About 0.21 s of CPU per step at
    /// SR 0.75 on one thread, so about 7 minutes per network.
    /// </summary>
    public static NeuralInterpolatorOptions CpuMedium { get; } = new()
    {
        Hidden = 256, Depth = 3, Sigma = 1, Steps = 2_000, Schedule = LearningRateSchedule.Cosine, MinLearningRate = 1e-4,
    };

    /// <summary>Unit-test size: H 32, 2 layers, 300 steps; well under a second on a few hundred points.</summary>
    public static NeuralInterpolatorOptions Tiny { get; } = new() { Hidden = 32, Depth = 2, Sigma = 1, Steps = 300 };

    /// <summary>Preset names accepted by <see cref="Preset"/>.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["paper", "cpu-small", "cpu-medium", "tiny"];

    /// <summary>A preset by name: <c>paper</c>, <c>cpu-small</c>, <c>cpu-medium</c> or <c>tiny</c>.</summary>
    public static NeuralInterpolatorOptions Preset(string name) => name switch
    {
        "paper" => Paper,
        "cpu-small" => CpuSmall,
        "cpu-medium" => CpuMedium,
        "tiny" => Tiny,
        _ => throw new ArgumentException($"unknown neural preset '{name}'; known: {string.Join(", ", PresetNames)}", nameof(name)),
    };

    /// <summary>Steps between loss logs: <see cref="LogEvery"/>, or Steps/50 (at least 1).</summary>
    [JsonIgnore]
    public int EffectiveLogEvery => LogEvery > 0 ? LogEvery : Math.Max(1, Steps / 50);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Hidden < 2 || Hidden % 2 != 0) throw new ArgumentOutOfRangeException(nameof(Hidden), Hidden, "Hidden must be even and ≥ 2");
        if (Depth < 1) throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "Depth must be ≥ 1");
        if (!(Sigma >= 0) || double.IsInfinity(Sigma)) throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "Sigma must be finite and ≥ 0");
        if (Steps < 0) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Steps must be ≥ 0");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be > 0");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "Beta1 must be in [0, 1)");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "Beta2 must be in [0, 1)");
        if (!(MinLearningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(MinLearningRate), MinLearningRate, "MinLearningRate must be ≥ 0");
        if (DecayEvery < 0) throw new ArgumentOutOfRangeException(nameof(DecayEvery), DecayEvery, "DecayEvery must be ≥ 0");
        if (!(DecayFactor > 0)) throw new ArgumentOutOfRangeException(nameof(DecayFactor), DecayFactor, "DecayFactor must be > 0");
        if (LbfgsSteps < 0) throw new ArgumentOutOfRangeException(nameof(LbfgsSteps), LbfgsSteps, "LbfgsSteps must be ≥ 0");
        if (!(LbfgsLearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LbfgsLearningRate), LbfgsLearningRate, "LbfgsLearningRate must be > 0");
        if (!(GammaDiff >= 0)) throw new ArgumentOutOfRangeException(nameof(GammaDiff), GammaDiff, "GammaDiff must be ≥ 0");
        if (!(GammaLapl >= 0)) throw new ArgumentOutOfRangeException(nameof(GammaLapl), GammaLapl, "GammaLapl must be ≥ 0");
        if (LogEvery < 0) throw new ArgumentOutOfRangeException(nameof(LogEvery), LogEvery, "LogEvery must be ≥ 0");
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be ≥ 1");
    }
}
