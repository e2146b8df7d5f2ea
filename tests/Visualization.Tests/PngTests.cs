namespace Science.Visualization.Tests;

public sealed class PngTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertPng(string path, int width, int height)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000);
        Assert.Equal(PngSignature, bytes[..8]);
        // IHDR: width and height, big-endian, at bytes 16..23.
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TimeSeriesPng_WritesAPng(bool logY)
    {
        string path = _dir.File("energy.png");
        Charts.TimeSeriesPng(path, "Kinetic energy", Samples.Time, Samples.Energies, "time", "KE", logY, 800, 450);
        AssertPng(path, 800, 450);
        Assert.Equal(["energy.png"], _dir.Files());
    }

    [Fact]
    public void MapPng_WritesAPng()
    {
        var (x, y, fields) = Samples.Grid();
        string path = _dir.File("psi.png");
        Charts.MapPng(path, "psi", x, y, fields[0].Field, 640, 480);
        AssertPng(path, 640, 480);
        Charts.MapPng(path, "enstrophy", x, y, fields[1].Field, 640, 480);
        AssertPng(path, 640, 480);
        Assert.Equal(["psi.png"], _dir.Files());
    }

    [Fact]
    public void MapPng_PutsLargeYAtTheTop()
    {
        // 1 in the upper half (large y), 0 in the lower half: Viridis yellow above, purple below.
        double[] x = Samples.Range(20, 0, 1);
        double[] y = Samples.Range(20, 0, 1);
        double[] field = new double[x.Length * y.Length];
        for (int j = 10; j < 20; j++)
        {
            for (int i = 0; i < 20; i++)
            {
                field[j * 20 + i] = 1;
            }
        }

        string path = _dir.File("half.png");
        Charts.MapPng(path, "half", x, y, field, 600, 600);

        using var bitmap = SkiaSharp.SKBitmap.Decode(path);
        var upper = bitmap.GetPixel(280, 200);
        var lower = bitmap.GetPixel(280, 440);
        Assert.True(upper.Green > 180 && upper.Red > 180, $"upper pixel {upper} should be yellow");
        Assert.True(lower.Green < 60 && lower.Blue > 60, $"lower pixel {lower} should be dark purple");
    }
}
