using Science.Models.Stepping;

namespace Science.Models.Lorenz;

/// <summary>
/// The Lorenz-63 tendency dx/dt = σ(y − x), dy/dt = x(ρ − z) − y, dz/dt = xy − βz (Lorenz 1963). Defaults σ = 10,
/// ρ = 28, β = 8/3.
/// </summary>
public sealed class Lorenz63Tendency(double sigma = 10.0, double rho = 28.0, double beta = 8.0 / 3.0) : ITendency
{
    /// <inheritdoc/>
    public int Size => 3;
    /// <summary>σ (Prandtl number).</summary>
    public double Sigma { get; } = sigma;
    /// <summary>ρ (Rayleigh number).</summary>
    public double Rho { get; } = rho;
    /// <summary>β (aspect-ratio parameter).</summary>
    public double Beta { get; } = beta;

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> x, Span<double> dxdt)
    {
        dxdt[0] = Sigma * (x[1] - x[0]);
        dxdt[1] = x[0] * (Rho - x[2]) - x[1];
        dxdt[2] = x[0] * x[1] - Beta * x[2];
    }
}

/// <summary>Lorenz-63 (<see cref="Lorenz63Tendency"/>) stepped with RK4; state vector (x, y, z).</summary>
public sealed class Lorenz63 : TendencyModel
{
    /// <summary>σ, ρ, β and the RK4 step <paramref name="dt"/> (DAPPER's sakov2012 setup: 10, 28, 8/3, 0.01).</summary>
    public Lorenz63(double sigma = 10.0, double rho = 28.0, double beta = 8.0 / 3.0, double dt = 0.01)
        : base("lorenz63", new Lorenz63Tendency(sigma, rho, beta), dt) { }
}
