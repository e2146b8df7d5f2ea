namespace Science.Tests.Shared;

/// <summary>
/// The repository root (the directory holding Science.sln, found by walking up from the test binaries) and the data
/// shipped in it. Compiled into every test project as a linked file.
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Science.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Science.sln not found above {AppContext.BaseDirectory}");
    });

    /// <summary>The directory holding Science.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>data/qg_spunup.h5: one spun-up state at step 20000.</summary>
    public static string SpunUp => Path.Combine(Root, "data", "qg_spunup.h5");

    /// <summary>data/qg_trajectory.h5: 6 snapshots 400 steps apart from step 20000.</summary>
    public static string Trajectory => Path.Combine(Root, "data", "qg_trajectory.h5");
}
