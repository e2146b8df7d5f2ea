using System.Collections.Concurrent;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.Medida.Observations;
using Science.QgModel;
using Science.QgModel.IO;

namespace Science.Medida.Tests;

/// <summary>
/// Shared inputs of the pipeline tests: the repository's shipped trajectory (data/qg_trajectory.h5, 6 snapshots 400
/// steps apart from step 20000), the oracle file, and a process-wide cache of increments and discoveries so that every
/// (case, snapshots, settings) combination is built once however many tests use it.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<QgTrajectory> TrajectoryFile = new(() => QgTrajectoryFile.Read(TrajectoryPath));
    private static readonly ConcurrentDictionary<int, Lazy<QgState>> States = new();
    private static readonly ConcurrentDictionary<string, Lazy<Increment>> Increments = new();
    private static readonly ConcurrentDictionary<string, Lazy<DiscoveryReport>> Reports = new();

    private static readonly Lazy<OracleFile?> OracleData = new(() =>
        OracleFile.DefaultPath is string path ? OracleFile.Open(path) : null);

    /// <summary>The directory holding Science.sln.</summary>
    public static string RepositoryRoot => Science.Tests.Shared.RepositoryPaths.Root;

    /// <summary>data/qg_trajectory.h5.</summary>
    public static string TrajectoryPath => Science.Tests.Shared.RepositoryPaths.Trajectory;

    /// <summary>The shipped trajectory.</summary>
    public static QgTrajectory Trajectory => TrajectoryFile.Value;

    /// <summary>
    /// The oracle (opened once); skips the test when qg_oracle_public.h5 is not found (SCIENCE_ORACLE, or
    /// shared/reference/oracle beside the repository), and fails it under CI=true.
    /// </summary>
    public static OracleFile Oracle
    {
        get
        {
            Science.Tests.Shared.Prerequisite.Require(OracleData.Value is not null, "the oracle qg_oracle_public.h5",
                "put the shared reference data (reference/oracle/) beside the repository, or set SCIENCE_ORACLE to the file",
            "CI should have copied the shared reference data beside the repository");
            return OracleData.Value!;
        }
    }

    /// <summary>Snapshot k of the trajectory (read once).</summary>
    public static QgState Snapshot(int index) => States.GetOrAdd(index, i => new Lazy<QgState>(() => Trajectory.GetState(i))).Value;

    /// <summary>The increment of a catalogue case on the given trajectory snapshots, built once per key.</summary>
    public static Increment Increment(int caseId, int[] snapshots, IncrementSettings? settings = null)
    {
        settings ??= IncrementSettings.Reference;
        string key = $"{caseId}|{string.Join(",", snapshots)}|{settings.LibraryState}|{settings.Bookkeeping}";
        return Increments.GetOrAdd(key, _ => new Lazy<Increment>(() =>
            new IncrementBuilder(CaseCatalogue.Get(caseId), settings, FullObservation.Instance)
                .Build(snapshots.Select(Snapshot).ToArray()))).Value;
    }

    /// <summary>
    /// The discovery of a catalogue case on trajectory snapshots with full clean observations, built once per key.
    /// <paramref name="variant"/> names the settings in the key; <paramref name="settings"/> defaults to the reference.
    /// </summary>
    public static DiscoveryReport Discover(int caseId, int[] snapshots, IncrementSettings? incrementSettings = null,
        DiscoverySettings? settings = null, string variant = "default")
    {
        incrementSettings ??= IncrementSettings.Reference;
        string key = $"{caseId}|{string.Join(",", snapshots)}|{incrementSettings.LibraryState}|{incrementSettings.Bookkeeping}|{variant}";
        return Reports.GetOrAdd(key, _ => new Lazy<DiscoveryReport>(() =>
            ModelErrorDiscovery.Discover(Increment(caseId, snapshots, incrementSettings), CaseCatalogue.Get(caseId),
                settings ?? new DiscoverySettings()))).Value;
    }

    /// <summary>max|a − b| / max|b|.</summary>
    public static double RelativeMaxError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double err = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            err = Math.Max(err, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return err / scale;
    }

    /// <summary>max|a|.</summary>
    public static double MaxAbs(ReadOnlySpan<double> a)
    {
        double m = 0;
        foreach (var v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    /// <summary>The coefficient of a selected term of a layer (throws when the term was not selected).</summary>
    public static double Coefficient(LayerDiscovery layer, string label)
    {
        var t = layer.Terms.FirstOrDefault(x => x.Label == label);
        Assert.True(t is not null, $"layer {layer.Number}: term '{label}' not selected; selected: {Describe(layer)}");
        return t!.Coefficient;
    }

    /// <summary>"label c, label c (nMSE x)" for messages.</summary>
    public static string Describe(LayerDiscovery layer) =>
        layer.NoError ? $"no error ({layer.NoErrorReason})"
        : string.Join(", ", layer.Terms.Select(t => FormattableString.Invariant($"{t.Label} {t.Coefficient:G6}"))) + FormattableString.Invariant($" (nMSE {layer.Nmse:E2})");

    /// <summary>The whole sweep table of a layer, for diagnostics.</summary>
    public static string SweepTable(LayerDiscovery layer) => layer.Sweep.ToTable();
}
