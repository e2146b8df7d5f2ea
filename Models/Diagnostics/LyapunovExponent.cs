using System.Numerics.Tensors;

namespace Science.Models.Diagnostics;

/// <summary>An estimate of the leading Lyapunov exponent: the mean over segments and its standard error.</summary>
/// <param name="Mean">Mean of the segment estimates (per model time unit).</param>
/// <param name="StandardError">Standard deviation of the segment estimates divided by √segments (per model time unit).</param>
/// <param name="Segments">Each segment's estimate (per model time unit), in order.</param>
public sealed record LyapunovEstimate(double Mean, double StandardError, IReadOnlyList<double> Segments)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Mean:F4} ± {StandardError:F4} ({Segments.Count} segments)");
}

/// <summary>
/// Estimates the leading Lyapunov exponent of any <see cref="IDynamicalModel"/> by the two-trajectory renormalisation
/// of Benettin et al. (1976): a reference and a perturbed trajectory, the separation measured in the Euclidean norm of
/// the state vector and rescaled to δ0 every <c>renormaliseEvery</c> steps; the exponent is the mean growth rate
/// ln(d/δ0)/τ. The run is split into segments, each giving one estimate; the result is their mean ± standard error.
/// </summary>
public static class LyapunovExponent
{
    /// <summary>Runs the estimator.</summary>
    /// <param name="reference">The reference trajectory's model.</param>
    /// <param name="perturbed">A second instance of the same model (same parameters and time step).</param>
    /// <param name="initialState">Start of the reference trajectory (length = state size).</param>
    /// <param name="segments">Number of segments, ≥ 2.</param>
    /// <param name="renormalisationsPerSegment">Renormalisations per segment, ≥ 1.</param>
    /// <param name="renormaliseEvery">Model steps between renormalisations, ≥ 1.</param>
    /// <param name="transientRenormalisations">Renormalisations run first and discarded, so the separation aligns with the leading direction (≥ 0).</param>
    /// <param name="delta0">Separation after each renormalisation (state units), &gt; 0; small enough to stay linear.</param>
    /// <param name="seed">Seed of the random (Gaussian) initial perturbation direction (<see cref="Science.Numerics.SeedSequence.Gaussian"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or δ0 out of range.</exception>
    /// <exception cref="ArgumentException">The models differ in state size or time step.</exception>
    public static LyapunovEstimate Estimate(IDynamicalModel reference, IDynamicalModel perturbed, ReadOnlySpan<double> initialState,
        int segments = 20, int renormalisationsPerSegment = 100, int renormaliseEvery = 10, int transientRenormalisations = 100,
        double delta0 = 1e-8, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(perturbed);
        if (segments < 2) throw new ArgumentOutOfRangeException(nameof(segments), segments, "segments must be at least 2 (for a standard error)");
        if (renormalisationsPerSegment < 1) throw new ArgumentOutOfRangeException(nameof(renormalisationsPerSegment), renormalisationsPerSegment, "renormalisationsPerSegment must be at least 1");
        if (renormaliseEvery < 1) throw new ArgumentOutOfRangeException(nameof(renormaliseEvery), renormaliseEvery, "renormaliseEvery must be at least 1 step");
        if (transientRenormalisations < 0) throw new ArgumentOutOfRangeException(nameof(transientRenormalisations), transientRenormalisations, "transientRenormalisations must be ≥ 0");
        if (!(delta0 > 0) || !double.IsFinite(delta0)) throw new ArgumentOutOfRangeException(nameof(delta0), delta0, "delta0 must be a positive finite separation");
        if (reference.StateSize != perturbed.StateSize || reference.TimeStep != perturbed.TimeStep)
            throw new ArgumentException("the reference and perturbed models must have the same state size and time step", nameof(perturbed));
        int n = reference.StateSize;
        if (initialState.Length != n) throw new ArgumentException($"the initial state must have {n} values; got {initialState.Length}", nameof(initialState));

        var x = new double[n];
        var y = new double[n];
        var d = new double[n];
        // Random (Gaussian, seeded) direction of length δ0.
        Science.Numerics.SeedSequence.Gaussian(seed, 1.0, d);
        TensorPrimitives.Multiply(d, delta0 / TensorPrimitives.Norm(d), d);
        TensorPrimitives.Add(initialState, d, y);
        reference.SetState(initialState);
        perturbed.SetState(y);

        double tau = renormaliseEvery * reference.TimeStep;
        var estimates = new double[segments];
        for (int r = 0; r < transientRenormalisations; r++) Renormalise();
        for (int s = 0; s < segments; s++)
        {
            double sum = 0;
            for (int r = 0; r < renormalisationsPerSegment; r++) sum += Renormalise();
            estimates[s] = sum / (renormalisationsPerSegment * tau);
        }

        double mean = estimates.Average();
        double variance = estimates.Sum(e => (e - mean) * (e - mean)) / (segments - 1);
        return new LyapunovEstimate(mean, Math.Sqrt(variance / segments), estimates);

        // Advances both, returns ln(d/δ0) and rescales the perturbed state to distance δ0 from the reference.
        double Renormalise()
        {
            reference.Advance(renormaliseEvery);
            perturbed.Advance(renormaliseEvery);
            reference.CopyState(x);
            perturbed.CopyState(y);
            TensorPrimitives.Subtract(y, x, d);
            double dist = TensorPrimitives.Norm(d);
            if (!(dist > 0) || !double.IsFinite(dist))
                throw new InvalidOperationException($"the separation became {dist}; choose a larger delta0 or a shorter renormalisation interval");
            TensorPrimitives.MultiplyAdd(d, delta0 / dist, x, y);
            perturbed.SetState(y, perturbed.Time, perturbed.StepCount);
            return Math.Log(dist / delta0);
        }
    }
}
