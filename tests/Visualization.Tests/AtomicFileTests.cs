using Science.Numerics.IO;
namespace Science.Visualization.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteAllText_ReplacesTheTarget()
    {
        string path = _dir.File("a.txt");
        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllText(path, "two");
        Assert.Equal("two", File.ReadAllText(path));
        Assert.Equal(["a.txt"], _dir.Files());
    }

    [Fact]
    public void FailedMove_LeavesNoTemporaryFile()
    {
        // The target is a directory, so the final move fails after the temporary file was written.
        string path = _dir.File("chart.html");
        Directory.CreateDirectory(path);
        Assert.Throws<DataFileException>(() => AtomicFile.WriteAllText(path, "content"));
        Assert.Empty(_dir.Files());
    }
}
