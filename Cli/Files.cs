using Science.Numerics.IO;
using Science.QgModel.IO;

namespace Science.Cli;

/// <summary>Turns file errors into one-line CLI errors (exit code 3).</summary>
internal static class Files
{
    /// <summary>
    /// Reads a state file for a run. A file without grid-length attributes (e.g. written by hand with h5py) must hold
    /// the paper's 96×192 grid: another shape without lengths would silently run on a 46×68 domain.
    /// </summary>
    public static QgStateFileContent ReadState(string path) => Read(() =>
    {
        bool hasLengths;
        using (var r = Hdf5Reader.Open(path)) hasLengths = r.HasAttribute("/", "lx") && r.HasAttribute("/", "ly");
        return hasLengths ? QgStateFile.Read(path) : QgStateFile.Read(path, Science.QgModel.Grid.Default);
    });

    public static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DataFileException e)
        {
            throw new CliException(e.Message, 3);
        }
    }

    /// <summary>
    /// Checks, without creating anything, that <paramref name="path"/> (given with <paramref name="option"/>) can be
    /// written as a file: it is not a folder and none of its parent folders is an existing file.
    /// </summary>
    public static void CheckOutputFile(string path, string option)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new CliException($"{option} {path}: is a folder; give a file name", 3);
        CheckParents(Path.GetDirectoryName(full), path, option);
    }

    /// <summary>
    /// Checks, without creating anything, that <paramref name="path"/> (given with <paramref name="option"/>) can be
    /// used as an output folder: it is not an existing file and none of its parent folders is one.
    /// </summary>
    public static void CheckOutputFolder(string path, string option)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new CliException($"{option} {path}: is a file; give a folder", 3);
        CheckParents(Path.GetDirectoryName(full), path, option);
    }

    private static void CheckParents(string? folder, string path, string option)
    {
        for (; folder is not null; folder = Path.GetDirectoryName(folder))
            if (File.Exists(folder)) throw new CliException($"{option} {path}: '{folder}' is a file, not a folder", 3);
    }

    /// <summary>Creates <paramref name="folder"/> (<paramref name="what"/> names it: an option or the file it is for); a failure is a file error (exit code 3).</summary>
    public static void CreateFolder(string folder, string what)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{what}: cannot create the folder {folder} ({CliErrors.Clean(e.Message)})", 3);
        }
    }
}
