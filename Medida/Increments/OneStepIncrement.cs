using Science.Models;

namespace Science.Medida.Increments;

/// <summary>
/// The analysis increment of any model behind the seam (spec §4.1, §10.2): one step of the imperfect model from an
/// estimate of the state at t, subtracted from the observed (or analysed) state at t + Δt, per unit time:
/// h = (x_o(t + Δt) − M(x_e(t))) / Δt, in the model's state-vector units per model time unit.
/// </summary>
/// <remarks>
/// KS and the Lorenz models build their increments here. The two-layer QG builder (<see cref="IncrementBuilder"/>)
/// does not: its increments are in PV while its state is ψ, and the reference's PV bookkeeping (spec §4.3) builds the
/// model's PV from ψ with the truth's β and topography — a diagnostic that the seam's <c>SetState</c> cannot express
/// without losing the bit-identity with the reference solver that the oracle tests guard.
/// </remarks>
public static class OneStepIncrement
{
    /// <summary>h = (observedNext − M(start))/Δt for a one-level start (a multi-level model restarts its history).</summary>
    /// <param name="model">The imperfect model; its state is overwritten.</param>
    /// <param name="start">The estimate x_e(t), length <see cref="IDynamicalModel.StateSize"/>.</param>
    /// <param name="observedNext">The observed or analysed state at t + Δt.</param>
    /// <param name="increment">Receives h.</param>
    /// <param name="forecast">Receives M(x_e(t)) when not empty (same length).</param>
    public static void Compute(IDynamicalModel model, ReadOnlySpan<double> start, ReadOnlySpan<double> observedNext,
        Span<double> increment, Span<double> forecast = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        Check(model, start, observedNext, increment, forecast);
        model.SetState(start);
        Finish(model, observedNext, increment, forecast);
    }

    /// <summary>
    /// As <see cref="Compute(IDynamicalModel, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double})"/>
    /// for a multi-level scheme (CNAB2, leapfrog) that continues from both time levels: <paramref name="previous"/> is
    /// the state one model step before <paramref name="start"/>.
    /// </summary>
    public static void Compute(IMultiLevelModel model, ReadOnlySpan<double> previous, ReadOnlySpan<double> start,
        ReadOnlySpan<double> observedNext, Span<double> increment, Span<double> forecast = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        Check(model, start, observedNext, increment, forecast);
        if (previous.Length != model.StateSize)
            throw new ArgumentException($"previous has {previous.Length} values; the model's state has {model.StateSize}", nameof(previous));
        model.SetLevels(previous, start);
        Finish(model, observedNext, increment, forecast);
    }

    /// <summary>h = (observedNext − forecast)/Δt from a forecast made elsewhere (e.g. an ensemble mean); <paramref name="increment"/> may alias <paramref name="forecast"/>.</summary>
    public static void FromForecast(ReadOnlySpan<double> observedNext, ReadOnlySpan<double> forecast, double dt, Span<double> increment)
    {
        if (forecast.Length != observedNext.Length) throw new ArgumentException($"forecast has {forecast.Length} values; observedNext has {observedNext.Length}", nameof(forecast));
        if (increment.Length != observedNext.Length) throw new ArgumentException($"increment has {increment.Length} values; observedNext has {observedNext.Length}", nameof(increment));
        for (int j = 0; j < increment.Length; j++) increment[j] = (observedNext[j] - forecast[j]) / dt;
    }

    private static void Finish(IDynamicalModel model, ReadOnlySpan<double> observedNext, Span<double> increment, Span<double> forecast)
    {
        model.Advance(1);
        Span<double> m = forecast.IsEmpty ? increment : forecast;
        model.CopyState(m);
        FromForecast(observedNext, m, model.TimeStep, increment);
    }

    private static void Check(IDynamicalModel model, ReadOnlySpan<double> start, ReadOnlySpan<double> observedNext,
        Span<double> increment, Span<double> forecast)
    {
        int n = model.StateSize;
        if (start.Length != n) throw new ArgumentException($"start has {start.Length} values; the model's state has {n}", nameof(start));
        if (observedNext.Length != n) throw new ArgumentException($"observedNext has {observedNext.Length} values; the model's state has {n}", nameof(observedNext));
        if (increment.Length != n) throw new ArgumentException($"increment has {increment.Length} values; the model's state has {n}", nameof(increment));
        if (!forecast.IsEmpty && forecast.Length != n) throw new ArgumentException($"forecast has {forecast.Length} values; the model's state has {n}", nameof(forecast));
    }
}
