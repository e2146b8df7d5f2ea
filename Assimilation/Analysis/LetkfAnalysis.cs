using System.Numerics.Tensors;
using Science.Observing;

namespace Science.Assimilation.Analysis;

/// <summary>
/// The local ETKF (Hunt et al. 2007) with R-localisation, as DAPPER's <c>LETKF</c>: for each batch of state
/// variables the observations whose Gaspari–Cohn taper c (at the batch-mean distance, half-width
/// <see cref="HalfWidth"/>) exceeds 10⁻³ are kept, their R^{-1/2}-scaled anomalies and innovations are multiplied by
/// √c, and the ensemble-space symmetric square-root update (<see cref="SquareRootTransform"/>) is applied to the
/// batch's variables. A batch with no observation in range is left unchanged. Batches run in parallel; each writes
/// only its own variables and depends only on the prior, so results do not depend on the thread count.
/// </summary>
internal sealed class LetkfAnalysis : IEnsembleAnalysis, IDisposable
{
    private readonly ObservedEnsemble _obs;
    private readonly LocalisationDomain _domain;
    private readonly int _n, _members;
    private readonly int[][] _localObs;
    private readonly double[][] _sqrtTaper;
    private readonly double[] _mu, _a;
    private readonly ThreadLocal<Workspace> _work;
    private readonly ParallelOptions _parallel;
    private readonly Action<int> _local;
    private double[] _ensembleCopy = [];

    public LetkfAnalysis(IObservationOperator h, ObservationError r, LocalisationDomain domain, double halfWidth, int members, int stateSize, int threads)
    {
        _obs = new ObservedEnsemble(h, r, members);
        _domain = domain;
        _n = stateSize;
        _members = members;
        HalfWidth = halfWidth;
        int batches = domain.Batches.Count;
        _localObs = new int[batches][];
        _sqrtTaper = new double[batches][];
        int maxObs = 0, maxWidth = 0;
        for (int b = 0; b < batches; b++)
        {
            var idx = new List<int>();
            var taper = new List<double>();
            for (int j = 0; j < h.ObservationSize; j++)
            {
                double c = GaspariCohn.Taper(domain.BatchDistance(b, j), halfWidth);
                if (c > 1e-3) { idx.Add(j); taper.Add(Math.Sqrt(c)); }
            }
            _localObs[b] = [.. idx];
            _sqrtTaper[b] = [.. taper];
            maxObs = Math.Max(maxObs, idx.Count);
            maxWidth = Math.Max(maxWidth, domain.Batches[b].Length);
        }
        _mu = new double[stateSize];
        _a = new double[members * stateSize];
        _work = new ThreadLocal<Workspace>(() => new Workspace(members, Math.Max(1, maxObs), maxWidth));
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        _local = Local;
    }

    /// <summary>The Gaspari–Cohn half-width c (grid points).</summary>
    public double HalfWidth { get; }

    /// <summary>Observation indices used by each batch.</summary>
    public IReadOnlyList<int[]> LocalObservations => _localObs;

    public void Analyse(Span<double> ensemble, ReadOnlySpan<double> observation, ReadOnlySpan<double> truth, int seed)
    {
        int n = _n;
        _obs.Compute(ensemble, n, observation);
        Dense.Centre(ensemble, _members, n, _mu, _a);
        // Parallel.For cannot capture a span: work on an array copy and copy back.
        if (_ensembleCopy.Length != ensemble.Length) _ensembleCopy = new double[ensemble.Length];
        ensemble.CopyTo(_ensembleCopy);
        Parallel.For(0, _localObs.Length, _parallel, _local);
        _ensembleCopy.CopyTo(ensemble);
    }

    private void Local(int b)
    {
        var jj = _localObs[b];
        if (jj.Length == 0) return;
        var ii = _domain.Batches[b];
        var w = _work.Value!;
        int nm = _members, p = jj.Length, q = ii.Length, m = _obs.M, n = _n;
        var sqrtC = _sqrtTaper[b];
        var s = w.S.AsSpan(0, nm * p);
        for (int i = 0; i < nm; i++)
            for (int k = 0; k < p; k++) s[i * p + k] = _obs.S[i * m + jj[k]] * sqrtC[k];
        var dy = w.Dy.AsSpan(0, p);
        for (int k = 0; k < p; k++) dy[k] = _obs.Dy[jj[k]] * sqrtC[k];
        w.Transform.Build(s, dy, p, w.X);
        var a = w.A.AsSpan(0, nm * q);
        for (int i = 0; i < nm; i++)
            for (int k = 0; k < q; k++) a[i * q + k] = _a[i * n + ii[k]];
        var e = w.E.AsSpan(0, nm * q);
        Dense.Multiply(w.X, a, e, nm, nm, q);
        for (int i = 0; i < nm; i++)
            for (int k = 0; k < q; k++) _ensembleCopy[i * n + ii[k]] = _mu[ii[k]] + e[i * q + k];
    }

    public void Dispose() => _work.Dispose();

    private sealed class Workspace(int members, int maxObs, int maxWidth)
    {
        public SquareRootTransform Transform { get; } = new(members);
        public double[] S { get; } = new double[members * maxObs];
        public double[] Dy { get; } = new double[maxObs];
        public double[] X { get; } = new double[members * members];
        public double[] A { get; } = new double[members * maxWidth];
        public double[] E { get; } = new double[members * maxWidth];
    }
}
