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
}
