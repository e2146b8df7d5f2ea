using Science.Numerics;

namespace Science.Assimilation.Experiments;

/// <summary>
/// DAPPER's X0 = N(x0, s²I): the truth starts from one draw, the ensemble from N fresh draws. With
/// <see cref="Anomalies"/> the covariance is instead s² times the sample covariance of those anomalies
/// (a climatological B for a model whose white-noise perturbations would be unphysical, such as QG):
/// a draw is x0 + s·Σ_j z_j a_j / √(k − 1), z ~ N(0, I_k).
/// </summary>
/// <param name="Mean">x0 (state units).</param>
/// <param name="Std">s ≥ 0: the standard deviation of every component (state units), e.g. √0.001 for sakov2008; with
/// <see cref="Anomalies"/> a dimensionless scale of the climatological covariance.</param>
public sealed record InitialDistribution(IReadOnlyList<double> Mean, double Std)
{
    /// <summary>
    /// k ≥ 2 centred anomaly fields (k×n, row-major; e.g. climatological states minus their mean), or null for s²I.
    /// </summary>
    public double[]? Anomalies
    {
        get;
        init
        {
            if (value is not null && (value.Length % Mean.Count != 0 || value.Length / Mean.Count < 2))
                throw new ArgumentOutOfRangeException(nameof(Anomalies), value.Length, $"the anomalies must be k ≥ 2 fields of {Mean.Count} values");
            field = value;
        }
    }

    /// <summary>State size.</summary>
    public int Size => Mean.Count;

    /// <summary>Writes <paramref name="count"/> draws (member-major) from <paramref name="seed"/> into <paramref name="destination"/>.</summary>
    public void Draw(int seed, int count, Span<double> destination)
    {
        int n = Mean.Count;
        if (destination.Length != count * n) throw new ArgumentException($"destination must hold {count}×{n} values", nameof(destination));
        if (Anomalies is { } a)
        {
            int k = a.Length / n;
            var z = new double[count * k];
            GaussianStream.Fill(seed, Std / Math.Sqrt(k - 1), z);
            destination.Clear();
            for (int i = 0; i < count; i++)
            {
                var member = destination.Slice(i * n, n);
                for (int j = 0; j < k; j++)
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(a.AsSpan(j * n, n), z[i * k + j], member, member);
            }
        }
        else GaussianStream.Fill(seed, Std, destination);
        for (int i = 0; i < count; i++)
            for (int j = 0; j < n; j++) destination[i * n + j] += Mean[j];
    }
}
