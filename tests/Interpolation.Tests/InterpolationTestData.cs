using System.Collections.Concurrent;
using Science.Interpolation.Spectral;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.Medida.Observations;
using Science.QgModel;
using Science.QgModel.IO;

namespace Science.Interpolation.Tests;

/// <summary>
/// Shared inputs: the shipped trajectory (data/qg_trajectory.h5, 6 snapshots, steps 20000…22000 every 400), the OI
/// prior from every snapshot but the target, sensor layouts, and a process-wide cache of interpolations, increments and
/// discoveries so each is computed once however many tests use it.
/// </summary>
internal static class InterpolationTestData
{
    /// <summary>The snapshot the sparse tests interpolate; the prior comes from the others.</summary>
    public const int Target = 0;

    private static readonly Lazy<QgTrajectory> TrajectoryFile = new(() => QgTrajectoryFile.Read(TrajectoryPath));
    private static readonly ConcurrentDictionary<int, Lazy<QgState>> States = new();
    private static readonly Lazy<SpectralPrior> OtherSnapshotsPrior = new(() =>
        SpectralPrior.FromStates(Enumerable.Range(0, Trajectory.Count).Where(i => i != Target).Select(Snapshot).ToArray(), "trajectory snapshots except the target"));
    private static readonly ConcurrentDictionary<string, Lazy<double[]>> Estimates = new();
    private static readonly ConcurrentDictionary<string, Lazy<Increment>> Increments = new();
    private static readonly ConcurrentDictionary<string, Lazy<DiscoveryReport>> Reports = new();
    private static readonly ConcurrentDictionary<string, IInterpolator> Interpolators = new();

    /// <summary>The directory holding Science.sln.</summary>
    public static string RepositoryRoot => Science.Tests.Shared.RepositoryPaths.Root;

    /// <summary>data/qg_trajectory.h5.</summary>
    public static string TrajectoryPath => Science.Tests.Shared.RepositoryPaths.Trajectory;

    /// <summary>The shipped trajectory.</summary>
    public static QgTrajectory Trajectory => TrajectoryFile.Value;

    /// <summary>Snapshot k of the trajectory (read once).</summary>
    public static QgState Snapshot(int index) => States.GetOrAdd(index, i => new Lazy<QgState>(() => Trajectory.GetState(i))).Value;

    /// <summary>The target snapshot.</summary>
    public static QgState Truth => Snapshot(Target);

    /// <summary>The OI prior from every trajectory snapshot except <see cref="Target"/>.</summary>
    public static SpectralPrior Prior => OtherSnapshotsPrior.Value;

    /// <summary>The seeded random layout of ratio <paramref name="ratio"/> (seed 0) on the default grid.</summary>
    public static SensorLayout Layout(double ratio) => ratio >= 1 ? SensorLayout.Full(Grid.Default) : SensorLayout.RandomSubset(Grid.Default, ratio, 0);

    /// <summary>One shared instance per interpolator name (so their per-layout caches are shared), oi with <see cref="Prior"/>.</summary>
    public static IInterpolator Interpolator(string name) =>
        Interpolators.GetOrAdd(name, n => new Memo(InterpolatorCatalogue.Create(n, new InterpolatorOptions { PriorSpectrum = Prior })));

    /// <summary>The estimate of the target snapshot at ratio <paramref name="ratio"/>, computed once.</summary>
    public static double[] Estimate(string name, double ratio)
    {
        var layout = Layout(ratio);
        return Estimates.GetOrAdd($"{name}|{ratio}", _ => new Lazy<double[]>(() =>
            Interpolator(name).Interpolate(layout, layout.SampleLayers(Truth.Psi), new InterpolationContext()))).Value;
    }

    /// <summary>The increment of a catalogue case on the target snapshot through sparse observations, built once.</summary>
    public static Increment SparseIncrement(int caseId, string name, double ratio) =>
        Increments.GetOrAdd($"{caseId}|{name}|{ratio}", _ => new Lazy<Increment>(() =>
            new IncrementBuilder(CaseCatalogue.Get(caseId), IncrementSettings.Reference, new SparseObservation(Layout(ratio), Interpolator(name)))
                .Build([Truth]))).Value;

    /// <summary>The increment with full clean observations.</summary>
    public static Increment FullIncrement(int caseId) =>
        Increments.GetOrAdd($"{caseId}|full", _ => new Lazy<Increment>(() =>
            new IncrementBuilder(CaseCatalogue.Get(caseId), IncrementSettings.Reference, FullObservation.Instance).Build([Truth]))).Value;

    /// <summary>Discovery (default settings but the regression filter) on a sparse increment, built once.</summary>
    public static DiscoveryReport Discover(int caseId, string name, double ratio, double regressionFilter = 0) =>
        Reports.GetOrAdd($"{caseId}|{name}|{ratio}|{regressionFilter}", _ => new Lazy<DiscoveryReport>(() =>
            ModelErrorDiscovery.Discover(SparseIncrement(caseId, name, ratio), CaseCatalogue.Get(caseId),
                new DiscoverySettings { RegressionFilter = regressionFilter }))).Value;

    /// <summary>"label c, … (nMSE x)" for messages.</summary>
    public static string Describe(DiscoveryReport report) => string.Join(" | ", report.Layers.Select(l =>
        $"L{l.Number}: " + (l.NoError ? "no error" : string.Join(", ", l.Terms.Select(t => FormattableString.Invariant($"{t.Label} {t.Coefficient:G5}")))
        + FormattableString.Invariant($" (nMSE {l.Nmse:E2})"))));

    /// <summary>
    /// Memoises an interpolator on the sensor values: every catalogue case shares the truth, so its observations at
    /// t_n and t_n + Δt are identical across cases and need interpolating once.
    /// </summary>
    private sealed class Memo(IInterpolator inner) : IInterpolator
    {
        private readonly ConcurrentDictionary<string, Lazy<double[]>> _cache = new();

        public string Name => inner.Name;

        public void EnsureSupported(SensorLayout layout) => inner.EnsureSupported(layout);

        public double[] Interpolate(SensorLayout layout, ReadOnlySpan<double> values, InterpolationContext context)
        {
            var copy = values.ToArray();
            var hash = new HashCode();
            foreach (double v in copy) hash.Add(v);
            string key = $"{layout.Description}|{layout.Count}|{hash.ToHashCode()}|{copy[0]:R}|{copy[^1]:R}";
            var result = _cache.GetOrAdd(key, _ => new Lazy<double[]>(() => inner.Interpolate(layout, copy, context))).Value;
            return (double[])result.Clone();
        }
    }
}
