using System.Runtime.CompilerServices;
using Science.Observing;

namespace Science.Assimilation.Analysis;

/// <summary>
/// The ensemble seen through H: Eo = H(E) (N×m), its mean, the anomalies Y = Eo − mean, and the R^{-1/2}-scaled
/// anomalies S = Y R^{-1/2} and innovation dy = (y − mean) R^{-1/2}. Owns its buffers.
/// </summary>
internal sealed class ObservedEnsemble
{
    private readonly IObservationOperator _h;

    public ObservedEnsemble(IObservationOperator h, ObservationError r, int members)
    {
        _h = h;
        N = members;
        M = h.ObservationSize;
        Eo = new double[N * M];
        Mean = new double[M];
        Y = new double[N * M];
        S = new double[N * M];
        Dy = new double[M];
        InverseStd = new double[M];
        for (int j = 0; j < M; j++) InverseStd[j] = 1 / r.Std[j];
    }

    public int N { get; }
    public int M { get; }
    public double[] Eo { get; }
    public double[] Mean { get; }
    public double[] Y { get; }
    public double[] S { get; }
    public double[] Dy { get; }
    public double[] InverseStd { get; }

    /// <summary>Fills every buffer from the ensemble (N×n) and the observation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(ReadOnlySpan<double> ensemble, int n, ReadOnlySpan<double> y)
    {
        for (int i = 0; i < N; i++) _h.Apply(ensemble.Slice(i * n, n), Eo.AsSpan(i * M, M));
        Dense.Centre(Eo, N, M, Mean, Y);
        for (int i = 0; i < N; i++) Lanes.Multiply(Y.AsSpan(i * M, M), InverseStd, S.AsSpan(i * M, M));
        Lanes.Subtract(y, Mean, Dy);
        Lanes.Multiply(Dy, InverseStd, Dy);
    }
}
