using Science.QgModel.IO;

namespace Science.Cli;

/// <summary>Turns file errors into one-line CLI errors (exit code 3).</summary>
internal static class Files
{
    public static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (QgFileException e)
        {
            throw new CliException(e.Message, 3);
        }
    }
}
