using System.Security.Cryptography;

namespace Science.Numerics.IO;

/// <summary>
/// Atomic file replacement: the content is written to <c>path + ".tmp-&lt;random&gt;"</c> in the same directory and
/// renamed over <c>path</c>, so a reader (or a crash) never sees a half-written file and an existing file survives a
/// failed write.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) atomically, creating the directory.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(EnsureDirectory(path), tmp => File.WriteAllText(tmp, text, new System.Text.UTF8Encoding(false)));

    /// <summary>Writes <paramref name="bytes"/> atomically, creating the directory.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(EnsureDirectory(path), tmp => File.WriteAllBytes(tmp, bytes));

    /// <summary>Creates the directory of <paramref name="path"/> if needed and returns the path.</summary>
    public static string EnsureDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        return path;
    }

    /// <summary>Writes a file atomically.</summary>
    /// <param name="path">The destination; its directory must exist.</param>
    /// <param name="writeTemp">Writes the complete file to the temporary path it is given.</param>
    /// <param name="beforeCommit">Test seam: runs after the temporary file is written, before the rename.</param>
    /// <exception cref="DataFileException">The file could not be written; any existing file is unchanged.</exception>
    public static void Write(string path, Action<string> writeTemp, Action<string>? beforeCommit = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            throw new DataFileException(path, "cannot write: the path is a directory");
        string tmp = path + ".tmp-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        try
        {
            writeTemp(tmp);
            beforeCommit?.Invoke(tmp);
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e)
        {
            try
            {
                if (File.Exists(tmp)) File.Delete(tmp);
            }
            catch (Exception)
            {
                // The original error matters more than a leftover temporary file.
            }
            if (e is DataFileException) throw;
            throw new DataFileException(path, $"cannot write ({e.Message}); any existing file was left unchanged", e);
        }
    }
}
