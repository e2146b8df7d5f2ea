namespace Science.Models;

/// <summary>
/// The seam every dynamical model implements: a state vector of fixed size, a time step, set the state, advance,
/// copy the state out. Data assimilation, ensembles and MEDIDA see models only through this interface.
/// </summary>
/// <remarks>
/// <para>An instance owns its buffers (and FFT plans): one instance serves one thread; an ensemble holds one
/// instance per member. <see cref="Advance"/> and <see cref="CopyState"/> allocate nothing.</para>
/// <para>The state vector's layout is the model's (documented on each model), e.g. <c>[layer, y, x]</c> of ψ for
/// two-layer QG, the grid values u_j for Kuramoto–Sivashinsky, x_i for the Lorenz systems. Units are the model's
/// non-dimensional units; <see cref="TimeStep"/> is in model time units.</para>
/// </remarks>
public interface IDynamicalModel : IDisposable
{
    /// <summary>A short name, e.g. "lorenz96", "ks", "qg".</summary>
    string Name { get; }

    /// <summary>Length of the state vector.</summary>
    int StateSize { get; }

    /// <summary>Model time advanced by one step of <see cref="Advance"/> (model time units).</summary>
    double TimeStep { get; }

    /// <summary>Model time of the current state.</summary>
    double Time { get; }

    /// <summary>Steps taken since the start of the experiment (continues across <see cref="SetState"/>).</summary>
    long StepCount { get; }

    /// <summary>
    /// Sets the state (a copy is taken) at model time <paramref name="time"/>. A model with more than one time level
    /// (leapfrog) restarts its history from this state; see <see cref="IMultiLevelModel"/> to continue it instead.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong length or non-finite values.</exception>
    void SetState(ReadOnlySpan<double> state, double time = 0, long step = 0);

    /// <summary>Advances <paramref name="steps"/> steps of <see cref="TimeStep"/>.</summary>
    /// <exception cref="ModelBlowUpException">The state became non-finite (or left the model's stability limit); the
    /// model keeps the last good state.</exception>
    void Advance(int steps);

    /// <summary>Copies the current state into <paramref name="destination"/> (length <see cref="StateSize"/>) without allocating.</summary>
    void CopyState(Span<double> destination);
}
