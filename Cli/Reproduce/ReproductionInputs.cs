using Science.Cli;

namespace Science.Cli.Reproduce;

/// <summary>The shipped data a reproduction reads: <c>qg_spunup.h5</c> and <c>qg_trajectory.h5</c> of the data folder.</summary>
/// <param name="DataDirectory">The folder holding them.</param>
public sealed record ReproductionInputs(string DataDirectory)
{
    /// <summary>The spun-up truth state (step 20000).</summary>
    public string SpunUp => Path.Combine(DataDirectory, "qg_spunup.h5");

    /// <summary>The six-snapshot trajectory (steps 20000 … 22000, 400 apart).</summary>
    public string Trajectory => Path.Combine(DataDirectory, "qg_trajectory.h5");

    /// <summary>
    /// The data folder: <paramref name="given"/> when set (it must hold both files), else the first <c>data/</c> holding them
    /// in the current folder or above it, or above the program's folder.
    /// </summary>
    /// <exception cref="CliException">No such folder (exit code 3).</exception>
    public static ReproductionInputs Locate(string? given)
    {
        static bool Holds(string dir) => File.Exists(Path.Combine(dir, "qg_spunup.h5")) && File.Exists(Path.Combine(dir, "qg_trajectory.h5"));
        if (given is not null)
        {
            if (!Holds(given)) throw new CliException($"--data {given} must hold qg_spunup.h5 and qg_trajectory.h5 (the repository's data/ folder)", 3);
            return new ReproductionInputs(Path.GetFullPath(given));
        }
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data");
                if (Holds(candidate)) return new ReproductionInputs(candidate);
            }
        throw new CliException("cannot find data/qg_spunup.h5 and data/qg_trajectory.h5 in or above the current folder; give --data DIR", 3);
    }
}
