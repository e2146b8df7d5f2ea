using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Science.Interpolation.Neural;

/// <summary>
/// Fits a coordinate network to (X, Y) → (w1, w2) samples: full batch, float32, Adam with AMSGrad, optional schedule
/// and L-BFGS polishing (spec §9.1).
/// </summary>
public static class NeuralTrainer
{
    /// <summary>Steps between returns of freed native memory to the system (see <see cref="TorchRuntime.TrimNativeHeap"/>).</summary>
    private const int TrimEvery = 10;

    /// <summary>
    /// Builds a network of <paramref name="kind"/> with <c>torch.manual_seed(networkSeed)</c> and trains it.
    /// </summary>
    /// <param name="kind">RFF-MLP or plain MLP.</param>
    /// <param name="options">Architecture and training settings.</param>
    /// <param name="coordinates">Interleaved scaled coordinates (X, Y), <c>[point, 2]</c>.</param>
    /// <param name="targets">Values <c>[layer, point]</c> (layer 0 = ψ1, layer 1 = ψ2).</param>
    /// <param name="networkSeed">Seed of libtorch's generator for the initial weights and B.</param>
    /// <param name="progress">Optional sink (steps done, total steps, loss), called at each loss log.</param>
    /// <param name="cancellationToken">Stops training between steps (throws <see cref="OperationCanceledException"/>).</param>
    /// <param name="checkpoints">Optional look at the network after chosen Adam steps (studies of accuracy against budget).</param>
    public static NeuralField Train(NetworkKind kind, NeuralInterpolatorOptions options, float[] coordinates, ReadOnlySpan<double> targets,
        long networkSeed, Action<long, long, double>? progress = null, CancellationToken cancellationToken = default,
        TrainingCheckpoints? checkpoints = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(coordinates);
        options.Validate();
        if (coordinates.Length % 2 != 0 || coordinates.Length == 0) throw new ArgumentException("coordinates must be a non-empty list of (X, Y) pairs", nameof(coordinates));
        int n = coordinates.Length / 2;
        if (targets.Length != 2 * n) throw new ArgumentException($"targets must hold 2 × {n} values [layer, point], not {targets.Length}", nameof(targets));
        for (int k = 0; k < targets.Length; k++)
            if (!double.IsFinite(targets[k])) throw new ArgumentException($"target {k} is not finite", nameof(targets));

        TorchRuntime.EnsureLoaded(options.Threads);
        CoordinateNetwork net;
        lock (TorchRuntime.RngLock)
        {
            torch.manual_seed(networkSeed);
            net = new CoordinateNetwork(kind, options.Hidden, options.Depth, options.Sigma);
        }
        try
        {
            var pointMajor = new float[2 * n];
            for (int p = 0; p < n; p++)
            {
                pointMajor[2 * p] = (float)targets[p];
                pointMajor[2 * p + 1] = (float)targets[n + p];
            }
            if (options.NormalizeTargets)
            {
                var (scale, shift) = LayerMoments(targets, n);
                net.SetOutputScaling(scale, shift);
            }
            var report = Fit(net, options, networkSeed, coordinates, pointMajor, n, progress, checkpoints, cancellationToken);
            return new NeuralField(net, options, networkSeed, report);
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    /// <summary>Per-layer standard deviation (1 where it is 0) and mean.</summary>
    private static (float[] Scale, float[] Shift) LayerMoments(ReadOnlySpan<double> targets, int n)
    {
        var scale = new float[2];
        var shift = new float[2];
        for (int k = 0; k < 2; k++)
        {
            var layer = targets.Slice(k * n, n);
            double mean = 0;
            foreach (double x in layer) mean += x;
            mean /= n;
            double var = 0;
            foreach (double x in layer) var += (x - mean) * (x - mean);
            double std = Math.Sqrt(var / n);
            scale[k] = std > 0 && double.IsFinite(std) ? (float)std : 1f;
            shift[k] = (float)mean;
        }
        return (scale, shift);
    }

    private static TrainingReport Fit(CoordinateNetwork net, NeuralInterpolatorOptions o, long networkSeed, float[] coordinates, float[] pointMajorTargets,
        int n, Action<long, long, double>? progress, TrainingCheckpoints? checkpoints, CancellationToken cancellationToken)
    {
        using var v = tensor(coordinates, [n, 2]);
        using var w = tensor(pointMajorTargets, [n, 2]);
        using var denominator = w.square().mean();
        if (!(denominator.item<float>() > 0)) throw new ArgumentException("the targets are all zero: the relative loss is undefined");

        var log = new List<LossLogEntry>();
        long total = (long)o.Steps + o.LbfgsSteps;
        int every = o.EffectiveLogEvery;
        bool diverged = false;
        int adamDone = 0, lbfgsDone = 0;
        var clock = Stopwatch.StartNew();

        if (o.Steps > 0)
        {
            using var adam = optim.Adam(net.parameters(), o.LearningRate, o.Beta1, o.Beta2, 1e-8, 0, amsgrad: true);
            optim.lr_scheduler.LRScheduler? scheduler = o.Schedule switch
            {
                LearningRateSchedule.Cosine => optim.lr_scheduler.CosineAnnealingLR(adam, o.Steps, o.MinLearningRate),
                LearningRateSchedule.Step => optim.lr_scheduler.StepLR(adam, o.DecayEvery > 0 ? o.DecayEvery : Math.Max(1, o.Steps / 3), o.DecayFactor),
                _ => null,
            };
            for (int step = 1; step <= o.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                adam.zero_grad();
                var loss = Loss(net, v, w, denominator, o);
                loss.backward();
                adam.step();
                scheduler?.step();
                adamDone = step;
                if (step % TrimEvery == 0) TorchRuntime.TrimNativeHeap();
                if (step % every == 0 || step == o.Steps)
                {
                    double value = loss.item<float>();
                    log.Add(new LossLogEntry(step, value));
                    progress?.Invoke(step, total, value);
                    if (!double.IsFinite(value)) { diverged = true; break; }
                }
                if (checkpoints is not null && checkpoints.Steps.Contains(step))
                {
                    var soFar = new TrainingReport(step, 0, loss.item<float>(), [.. log], clock.Elapsed.TotalSeconds, false);
                    using var view = new NeuralField(net, o, networkSeed, soFar, ownsNetwork: false);
                    clock.Stop();                      // the training time excludes the visits
                    checkpoints.Visit(step, view);
                    clock.Start();
                }
            }
        }

        if (o.LbfgsSteps > 0 && !diverged)
        {
            using var lbfgs = optim.LBFGS(net.parameters(), o.LbfgsLearningRate, max_iter: 1, max_eval: 1, history_size: 100);
            int lbfgsEvery = o.LogEvery > 0 ? o.LogEvery : Math.Max(1, o.LbfgsSteps / 10);
            for (int it = 1; it <= o.LbfgsSteps; it++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                Tensor Closure()
                {
                    lbfgs.zero_grad();
                    var l = Loss(net, v, w, denominator, o);
                    l.backward();
                    return l;
                }
                var loss = lbfgs.step(Closure);
                lbfgsDone = it;
                if (it % TrimEvery == 0) TorchRuntime.TrimNativeHeap();
                if (it % lbfgsEvery == 0 || it == o.LbfgsSteps)
                {
                    double value = loss.item<float>();
                    log.Add(new LossLogEntry(o.Steps + it, value));
                    progress?.Invoke(o.Steps + it, total, value);
                    if (!double.IsFinite(value)) { diverged = true; break; }
                }
            }
        }
        clock.Stop();
        TorchRuntime.TrimNativeHeap();

        double final;
        using (var scope = NewDisposeScope())
        {
            if (o.GammaLapl > 0) final = Loss(net, v, w, denominator, o).item<float>();
            else
            {
                using var noGrad = no_grad();
                final = Loss(net, v, w, denominator, o).item<float>();
            }
        }
        if (!double.IsFinite(final)) diverged = true;
        return new TrainingReport(adamDone, lbfgsDone, final, log, clock.Elapsed.TotalSeconds, diverged);
    }

    /// <summary>
    /// mean((ψ̂ − w)²)/mean(w²) over both layers and all points, + γ_d MSE(ψ̂1 − ψ̂2, w1 − w2)
    /// + γ_l MSE(∇²ψ̂1 + ∇²ψ̂2, 0) with ∇² by autograd in the scaled coordinates (no 2π/L factors).
    /// </summary>
    private static Tensor Loss(CoordinateNetwork net, Tensor v, Tensor w, Tensor denominator, NeuralInterpolatorOptions o)
    {
        var input = o.GammaLapl > 0 ? v.detach().requires_grad_(true) : v;
        var prediction = net.forward(input);
        var loss = prediction.sub(w).square().mean().div(denominator);
        if (o.GammaDiff > 0)
        {
            var predictedJump = prediction.select(1, 0).sub(prediction.select(1, 1));
            var targetJump = w.select(1, 0).sub(w.select(1, 1));
            loss = loss.add(predictedJump.sub(targetJump).square().mean().mul(o.GammaDiff));
        }
        if (o.GammaLapl > 0)
        {
            var sum = prediction.sum(1);
            var gradient = torch.autograd.grad([sum.sum()], [input], retain_graph: true, create_graph: true)[0];
            var dxx = torch.autograd.grad([gradient.select(1, 0).sum()], [input], retain_graph: true, create_graph: true)[0].select(1, 0);
            var dyy = torch.autograd.grad([gradient.select(1, 1).sum()], [input], retain_graph: true, create_graph: true)[0].select(1, 1);
            loss = loss.add(dxx.add(dyy).square().mean().mul(o.GammaLapl));
        }
        return loss;
    }
}
