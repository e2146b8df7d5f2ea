namespace Science.Interactive;

/// <summary>
/// A temporary folder for the chart files that <c>Science.Visualization</c> writes before they are inlined into a
/// notebook output; deleted on dispose.
/// </summary>
internal sealed class ScratchFolder : IDisposable
{
    /// <summary>Creates a new, empty folder under the system's temporary directory.</summary>
    public ScratchFolder() => Path = Directory.CreateTempSubdirectory("science-display-").FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A file path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
