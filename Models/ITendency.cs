namespace Science.Models;

/// <summary>
/// The right-hand side f of an ordinary differential equation dx/dt = f(x, t), for steppers that need it (RK4).
/// Implementations allocate nothing in <see cref="Evaluate"/> and are used by one thread at a time.
/// </summary>
public interface ITendency
{
    /// <summary>Length of x.</summary>
    int Size { get; }

    /// <summary>Writes f(x, t) into <paramref name="dxdt"/> (which never aliases <paramref name="x"/>).</summary>
    void Evaluate(double t, ReadOnlySpan<double> x, Span<double> dxdt);
}
