using System.Diagnostics;

namespace Science.Interpolation.Neural;

/// <summary>One σ of a held-out validation sweep.</summary>
/// <param name="Sigma">The RFF σ tried.</param>
/// <param name="HeldOutRelativeError">‖ψ̂ − w‖₂/‖w‖₂ over the held-out sensors of both layers jointly; +∞ if training diverged.</param>
/// <param name="TrainingLoss">Final training loss (relative MSE on the remaining sensors).</param>
/// <param name="Seconds">Training wall time.</param>
public sealed record SigmaTrial(double Sigma, double HeldOutRelativeError, double TrainingLoss, double Seconds);

/// <summary>Result of <see cref="SigmaSelection.Select"/>: the chosen σ and every trial (report them all, §12 #5).</summary>
/// <param name="BestSigma">σ with the smallest held-out relative error (the first such on ties).</param>
/// <param name="Trials">Every σ tried, in the order given.</param>
/// <param name="HeldOutCount">Number of held-out sensors.</param>
/// <param name="TrainingCount">Number of sensors trained on.</param>
public sealed record SigmaSelectionResult(double BestSigma, IReadOnlyList<SigmaTrial> Trials, int HeldOutCount, int TrainingCount);

/// <summary>
/// Chooses the RFF σ by validation on held-out sensors (spec §12 #5): a seeded fraction of the sensors (5% by default)
/// is held out, an RFF-MLP is trained on the rest at each σ with the same budget and network seed, and the σ with the
/// smallest held-out relative error wins.
/// </summary>
public static class SigmaSelection
{
    /// <summary>The spec's sweep {0.5, 1, 2, 5, 10}.</summary>
    public static IReadOnlyList<double> DefaultSigmas { get; } = [0.5, 1, 2, 5, 10];

    /// <summary>Splits the layout's sensors into (training, held-out) positions within the layout, seeded.</summary>
    /// <returns>Sorted positions k (into <see cref="SensorLayout.Indices"/>) of the training and held-out sensors.</returns>
    public static (int[] Training, int[] HeldOut) Split(int count, double holdoutFraction, int seed)
    {
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "the held-out fraction must be in (0, 1)");
        int held = (int)Math.Round(holdoutFraction * count);
        if (held < 1 || held >= count) throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, $"holding out {held} of {count} sensors leaves no training or no validation set");
        var order = new int[count];
        for (int k = 0; k < count; k++) order[k] = k;
        var rng = new Random(seed);
        for (int k = 0; k < held; k++)
        {
            int pick = k + rng.Next(count - k);
            (order[k], order[pick]) = (order[pick], order[k]);
        }
        var heldOut = order[..held];
        var training = order[held..];
        Array.Sort(heldOut);
        Array.Sort(training);
        return (training, heldOut);
    }

    /// <summary>Runs the sweep.</summary>
    /// <param name="layout">All sensors.</param>
    /// <param name="values">Sensor values <c>[layer, sensor]</c>.</param>
    /// <param name="options">The training budget and architecture of each trial (σ is replaced).</param>
    /// <param name="context">Seed (the network seed, as in <see cref="NeuralInterpolator"/>), time level and progress.</param>
    /// <param name="sigmas">σ values; <see cref="DefaultSigmas"/> when null.</param>
    /// <param name="holdoutFraction">Fraction of sensors held out, 0.05 by default.</param>
    /// <param name="holdoutSeed">Seed of the hold-out draw.</param>
    /// <param name="log">Optional line sink, one line per σ.</param>
    public static SigmaSelectionResult Select(SensorLayout layout, ReadOnlySpan<double> values, NeuralInterpolatorOptions options,
        InterpolationContext? context = null, IReadOnlyList<double>? sigmas = null, double holdoutFraction = 0.05, int holdoutSeed = 0,
        Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(options);
        context ??= new InterpolationContext();
        sigmas ??= DefaultSigmas;
        if (sigmas.Count == 0) throw new ArgumentException("no σ to try", nameof(sigmas));
        int n = layout.Count;
        if (values.Length != 2 * n) throw new ArgumentException($"values must hold 2 × {n} sensor values [layer, sensor]", nameof(values));

        var (training, heldOut) = Split(n, holdoutFraction, holdoutSeed);
        var trainingIndices = training.Select(k => layout.Indices[k]).ToArray();
        var heldOutIndices = heldOut.Select(k => layout.Indices[k]).ToArray();
        var trainingValues = new double[2 * training.Length];
        for (int layer = 0; layer < 2; layer++)
            for (int k = 0; k < training.Length; k++) trainingValues[layer * training.Length + k] = values[layer * n + training[k]];
        var heldOutValues = new double[2 * heldOut.Length];
        for (int layer = 0; layer < 2; layer++)
            for (int k = 0; k < heldOut.Length; k++) heldOutValues[layer * heldOut.Length + k] = values[layer * n + heldOut[k]];
        double norm = heldOutValues.Sum(x => x * x);

        var coordinates = NetworkCoordinates.ForIndices(layout.Grid, trainingIndices);
        long networkSeed = NeuralInterpolator.NetworkSeed(options.Seed ?? context.Seed, context.Time);
        var trials = new List<SigmaTrial>();
        foreach (double sigma in sigmas)
        {
            var clock = Stopwatch.StartNew();
            using var field = NeuralTrainer.Train(NetworkKind.RffMlp, options with { Sigma = sigma }, coordinates, trainingValues, networkSeed, context.Progress);
            double error = double.PositiveInfinity;
            if (!field.Report.Diverged)
            {
                var predicted = field.Predict(layout.Grid, heldOutIndices);
                double sum = 0;
                for (int k = 0; k < predicted.Length; k++) sum += (predicted[k] - heldOutValues[k]) * (predicted[k] - heldOutValues[k]);
                error = norm > 0 ? Math.Sqrt(sum / norm) : Math.Sqrt(sum);
                if (!double.IsFinite(error)) error = double.PositiveInfinity;
            }
            var trial = new SigmaTrial(sigma, error, field.Report.FinalLoss, clock.Elapsed.TotalSeconds);
            trials.Add(trial);
            log?.Invoke($"sigma {sigma:G4}: held-out relative error {error:E3}, training loss {trial.TrainingLoss:E3}, {trial.Seconds:F1} s");
        }
        var best = trials.OrderBy(t => t.HeldOutRelativeError).ThenBy(t => trials.IndexOf(t)).First();
        return new SigmaSelectionResult(best.Sigma, trials, heldOut.Length, training.Length);
    }
}
