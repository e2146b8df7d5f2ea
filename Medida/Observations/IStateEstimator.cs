using Science.QgModel;

namespace Science.Medida.Observations;

/// <summary>When an observation is taken within one increment: at t_n or at t_n + Δt.</summary>
public enum ObservationTime
{
    /// <summary>t_n, the start of the one-step forecast.</summary>
    Start = 0,
    /// <summary>t_n + Δt, the verifying observation.</summary>
    End = 1,
}

/// <summary>
/// Turns the true streamfunction into the estimate MEDIDA uses (spec §1 step 1): the exact field for full clean
/// observations; noisy, smoothed, or sparse-and-interpolated estimates otherwise. Implementations must be
/// deterministic in (seed, snapshot, time) and safe to call from several threads.
/// </summary>
public interface IStateEstimator
{
    /// <summary>A short name for reports.</summary>
    string Name { get; }

    /// <summary>The estimate of ψ <c>[layer, y, x]</c> from the true ψ at one observation time of one snapshot.</summary>
    double[] Estimate(Grid grid, ReadOnlySpan<double> truePsi, int snapshot, ObservationTime time);
}
