using Science.Numerics.IO;
using Science.QgModel.IO;
using Science.QgModel.Spectral;

namespace Science.QgModel.Tests.IO;

public sealed class QgCheckpointFileTests
{
    private static QgCheckpoint Sample(Grid g)
    {
        var previous = IoFixtures.Level(g, 11);
        var current = IoFixtures.Level(g, 22);
        // Values whose bits a careless path would change: signed zero, subnormals, infinities, NaN payloads.
        previous[0].Re[0] = -0.0;
        previous[0].Im[1] = double.Epsilon;
        previous[1].Re[2] = double.PositiveInfinity;
        previous[1].Im[3] = double.NegativeInfinity;
        current[0].Re[4] = BitConverter.Int64BitsToDouble(0x7ff8_0000_dead_beefL);
        current[1].Im[5] = BitConverter.Int64BitsToDouble(unchecked((long)0xfff0_0000_0000_0001UL));
        current[1].Re[6] = double.MaxValue;
        return new QgCheckpoint
        {
            Grid = g, Parameters = IoFixtures.OddParameters, CallIndex = 30_001, Step = 30_000, Time = 750.0000000000123,
            Previous = previous, Current = current,
        };
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTripIsBitIdentical(bool defaultGrid)
    {
        using var dir = new TempDir();
        string path = dir.File("restart.h5");
        var g = defaultGrid ? Grid.Default : IoFixtures.SmallGrid;
        var c = Sample(g);

        QgCheckpointFile.Write(path, c);
        var back = QgCheckpointFile.Read(path);

        Assert.True(back.Grid.SameAs(g));
        Assert.Equal(c.Parameters, back.Parameters);
        Assert.Equal(c.CallIndex, back.CallIndex);
        Assert.Equal(c.Step, back.Step);
        Assert.Equal(BitConverter.DoubleToInt64Bits(c.Time), BitConverter.DoubleToInt64Bits(back.Time));
        for (int layer = 0; layer < 2; layer++)
        {
            IoFixtures.AssertBitwiseEqual(c.Previous[layer].Re, back.Previous[layer].Re);
            IoFixtures.AssertBitwiseEqual(c.Previous[layer].Im, back.Previous[layer].Im);
            IoFixtures.AssertBitwiseEqual(c.Current[layer].Re, back.Current[layer].Re);
            IoFixtures.AssertBitwiseEqual(c.Current[layer].Im, back.Current[layer].Im);
        }
        Assert.Equal(["restart.h5"], dir.FileNames());

        using var r = Hdf5Reader.Open(path);
        Assert.Equal("science-qg-checkpoint", r.ReadStringAttribute("/", "format"));
        foreach (string d in new[] { "/previous_re", "/previous_im", "/current_re", "/current_im" })
            Assert.Equal([2, g.Ny, g.Nk], r.GetShape(d));
    }

    [Fact]
    public void FailedWriteLeavesTheExistingCheckpointIntact()
    {
        using var dir = new TempDir();
        string path = dir.File("restart.h5");
        var g = IoFixtures.SmallGrid;
        QgCheckpointFile.Write(path, Sample(g));
        byte[] before = File.ReadAllBytes(path);

        IoFixtures.AssertFileError(path, () => QgCheckpointFile.Write(path, Sample(g) with { Step = 1 },
            _ => throw new UnauthorizedAccessException("simulated")), "cannot write");

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["restart.h5"], dir.FileNames());
    }

    [Fact]
    public void LevelsOfTheWrongSizeAreRefused()
    {
        using var dir = new TempDir();
        string path = dir.File("bad.h5");
        var g = IoFixtures.SmallGrid;
        var c = Sample(g);
        Assert.Throws<ArgumentException>(() => QgCheckpointFile.Write(path, c with { Current = [c.Current[0]] }));
        Assert.Throws<ArgumentException>(() => QgCheckpointFile.Write(path, c with { Previous = [new SpectralField(5), c.Previous[1]] }));
        Assert.Equal([], dir.FileNames());
    }

    [Fact]
    public void CheckpointWithoutParametersIsRefused()
    {
        using var dir = new TempDir();
        string path = dir.File("noparams.h5");
        var g = IoFixtures.SmallGrid;
        IoFixtures.WriteRaw(path, f =>
        {
            foreach (string d in new[] { "previous_re", "previous_im", "current_re", "current_im" })
                f[d] = new PureHDF.H5Dataset(new double[2 * g.Ny * g.Nk], fileDims: [2, (ulong)g.Ny, (ulong)g.Nk]);
            f.Attributes = new() { ["call_index"] = 2L, ["step"] = 2L, ["time"] = 0.05 };
        });
        IoFixtures.AssertFileError(path, () => QgCheckpointFile.Read(path), "the parameter attributes are missing");
    }

    [Fact]
    public void MissingLevelDataset()
    {
        using var dir = new TempDir();
        string path = dir.File("state.h5");
        IoFixtures.WriteRaw(path, f => f["psi"] = new PureHDF.H5Dataset(new double[2 * 12 * 8], fileDims: [2, 12, 8]));
        IoFixtures.AssertFileError(path, () => QgCheckpointFile.Read(path), "dataset /previous_re not found");
    }
}
