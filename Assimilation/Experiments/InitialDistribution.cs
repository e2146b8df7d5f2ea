using Science.Numerics;

namespace Science.Assimilation.Experiments;

/// <summary>
/// DAPPER's X0 = N(x0, s²I): the truth starts from one draw, the ensemble from N fresh draws.
/// </summary>
/// <param name="Mean">x0 (state units).</param>
/// <param name="Std">s ≥ 0: the standard deviation of every component (state units), e.g. √0.001 for sakov2008.</param>
public sealed record InitialDistribution(IReadOnlyList<double> Mean, double Std)
{
    /// <summary>State size.</summary>
    public int Size => Mean.Count;

    /// <summary>Writes <paramref name="count"/> draws (member-major) from <paramref name="seed"/> into <paramref name="destination"/>.</summary>
    public void Draw(int seed, int count, Span<double> destination)
    {
        int n = Mean.Count;
        if (destination.Length != count * n) throw new ArgumentException($"destination must hold {count}×{n} values", nameof(destination));
        GaussianStream.Fill(seed, Std, destination);
        for (int i = 0; i < count; i++)
            for (int j = 0; j < n; j++) destination[i * n + j] += Mean[j];
    }
}
