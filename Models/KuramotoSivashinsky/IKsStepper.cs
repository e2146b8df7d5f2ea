namespace Science.Models.Ks;

/// <summary>
/// A time stepper of the Kuramoto–Sivashinsky equation acting in place on the rfft coefficients v̂ (split real and
/// imaginary parts, n/2 + 1 each, <see cref="KsOperator"/> conventions). Holds its buffers; allocates nothing per step.
/// </summary>
public interface IKsStepper
{
    /// <summary>The operator stepped.</summary>
    KsOperator Operator { get; }

    /// <summary>The step Δt (model time units).</summary>
    double TimeStep { get; }

    /// <summary>One step of <see cref="TimeStep"/>, in place.</summary>
    void Step(Span<double> vr, Span<double> vi);

    /// <summary>Forgets any history (a multistep method's next step is then a start-up step).</summary>
    void Restart();

    /// <summary>Sets the state one step before the next step's start (used by multistep methods; one-step methods ignore it).</summary>
    void SetPrevious(ReadOnlySpan<double> pr, ReadOnlySpan<double> pi);
}
