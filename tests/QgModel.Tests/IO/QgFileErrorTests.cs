using Science.Numerics.IO;
using PureHDF;
using Science.QgModel.IO;

namespace Science.QgModel.Tests.IO;

/// <summary>Every failure to read a model file is a one-line <see cref="DataFileException"/> naming file, dataset, expected and found.</summary>
public sealed class QgFileErrorTests
{
    [Fact]
    public void MissingFile()
    {
        using var dir = new TempDir();
        string path = dir.File("nope.h5");
        var e = IoFixtures.AssertFileError(path, () => QgStateFile.Read(path));
        Assert.Equal($"{path}: file not found", e.Message);
        IoFixtures.AssertFileError(path, () => QgCheckpointFile.Read(path), "file not found");
        IoFixtures.AssertFileError(path, () => QgTrajectoryFile.Read(path), "file not found");
        IoFixtures.AssertFileError(path, () => OracleFile.Open(path), "file not found");
    }

    [Fact]
    public void DirectoryInsteadOfFile()
    {
        using var dir = new TempDir();
        IoFixtures.AssertFileError(dir.Path, () => QgStateFile.Read(dir.Path), "is a directory");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(5000)]
    public void GarbageBytesAreNotHdf5(int length)
    {
        using var dir = new TempDir();
        string path = dir.File("garbage.h5");
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        IoFixtures.AssertFileError(path, () => QgStateFile.Read(path), "not an HDF5 file, or the file is damaged");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(400_000)]
    public void TruncatedFileIsAnError(int cut)
    {
        using var dir = new TempDir();
        string good = dir.File("good.h5"), path = dir.File("truncated.h5");
        QgStateFile.Write(good, IoFixtures.State(Grid.Default, withQ: true), QgParameters.Truth);
        byte[] bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(path, bytes[..(bytes.Length - cut)]);
        // PureHDF alone would read the first two of these without complaint; the superblock's end-of-file address tells.
        IoFixtures.AssertFileError(path, () => QgStateFile.Read(path), $"the file is truncated: it has {bytes.Length - cut} bytes but its HDF5 superblock says {bytes.Length}");
    }

    [Fact]
    public void WrongShapeForTheExpectedGrid()
    {
        using var dir = new TempDir();
        string path = dir.File("state.h5");
        IoFixtures.WriteRaw(path, f => f["psi"] = new H5Dataset(new double[2 * 100 * 96], fileDims: [2, 100, 96]));
        var e = IoFixtures.AssertFileError(path, () => QgStateFile.Read(path, Grid.Default));
        Assert.Equal($"{path}: dataset /psi has shape [2, 100, 96]; expected [2, 192, 96] for the 96×192 grid", e.Message);
    }

    [Fact]
    public void WrongRankOrLayerCount()
    {
        using var dir = new TempDir();
        string path = dir.File("rank2.h5");
        IoFixtures.WriteRaw(path, f => f["psi"] = new H5Dataset(new double[192 * 96], fileDims: [192, 96]));
        IoFixtures.AssertFileError(path, () => QgStateFile.Read(path), "dataset /psi has shape [192, 96]; expected [2, Ny, Nx]");

        string three = dir.File("three.h5");
        IoFixtures.WriteRaw(three, f => f["psi"] = new H5Dataset(new double[3 * 12 * 8], fileDims: [3, 12, 8]));
        IoFixtures.AssertFileError(three, () => QgStateFile.Read(three), "dataset /psi has shape [3, 12, 8]; expected [2, Ny, Nx]");
    }

    [Fact]
    public void ShapeThatIsNoGrid()
    {
        using var dir = new TempDir();
        string path = dir.File("odd.h5");
        IoFixtures.WriteRaw(path, f => f["psi"] = new H5Dataset(new double[2 * 7 * 5], fileDims: [2, 7, 5]));
        IoFixtures.AssertFileError(path, () => QgStateFile.Read(path), "dataset /psi of shape [2, 7, 5] does not describe a valid grid");
    }

    [Fact]
    public void Float32DatasetIsRefused()
    {
        using var dir = new TempDir();
        string path = dir.File("f32.h5");
        IoFixtures.WriteRaw(path, f => f["psi"] = new H5Dataset(new float[2 * 12 * 8], fileDims: [2, 12, 8]));
        var e = IoFixtures.AssertFileError(path, () => QgStateFile.Read(path));
        Assert.Equal($"{path}: dataset /psi has type float32; expected float64", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IntegerDatasetIsRefused(bool wide)
    {
        using var dir = new TempDir();
        string path = dir.File("int.h5");
        IoFixtures.WriteRaw(path, f => f["psi"] = wide
            ? new H5Dataset(new long[2 * 12 * 8], fileDims: [2, 12, 8])
            : new H5Dataset(new int[2 * 12 * 8], fileDims: [2, 12, 8]));
        var e = IoFixtures.AssertFileError(path, () => QgStateFile.Read(path));
        Assert.Equal($"{path}: dataset /psi has type {(wide ? "int64" : "int32")}; expected float64", e.Message);
    }

    [Fact]
    public void MissingPsi()
    {
        using var dir = new TempDir();
        string path = dir.File("q-only.h5");
        IoFixtures.WriteRaw(path, f => f["q"] = new H5Dataset(new double[2 * 12 * 8], fileDims: [2, 12, 8]));
        var e = IoFixtures.AssertFileError(path, () => QgStateFile.Read(path));
        Assert.Equal($"{path}: dataset /psi not found; expected float64 [2, Ny, Nx] (layer, y, x)", e.Message);
    }

    [Fact]
    public void QOfAnotherShape()
    {
        using var dir = new TempDir();
        string path = dir.File("q.h5");
        IoFixtures.WriteRaw(path, f =>
        {
            f["psi"] = new H5Dataset(new double[2 * 12 * 8], fileDims: [2, 12, 8]);
            f["q"] = new H5Dataset(new double[2 * 12 * 6], fileDims: [2, 12, 6]);
        });
        IoFixtures.AssertFileError(path, () => QgStateFile.Read(path), "dataset /q has shape [2, 12, 6]; expected [2, 12, 8] for the 8×12 grid");
    }

    [Fact]
    public void AttributesInconsistentWithTheData()
    {
        using var dir = new TempDir();
        string path = dir.File("attrs.h5");
        IoFixtures.WriteRaw(path, f =>
        {
            f["psi"] = new H5Dataset(new double[2 * 12 * 8], fileDims: [2, 12, 8]);
            f.Attributes = new() { ["nx"] = 96, ["ny"] = 192 };
        });
        IoFixtures.AssertFileError(path, () => QgStateFile.Read(path), "attributes nx = 96, ny = 192 disagree with dataset /psi of shape [2, 12, 8]");
    }

    [Fact]
    public void AttributeOfTheWrongType()
    {
        using var dir = new TempDir();
        string path = dir.File("attrs.h5");
        IoFixtures.WriteRaw(path, f =>
        {
            f["psi"] = new H5Dataset(new double[2 * 12 * 8], fileDims: [2, 12, 8]);
            f.Attributes = new() { ["time"] = "yesterday", ["step"] = 2.5 };
        });
        var e = IoFixtures.AssertFileError(path, () => QgStateFile.Read(path));
        Assert.Equal($"{path}: attribute 'time' has type string; expected a number (float64)", e.Message);
    }

    [Fact]
    public void NonIntegralStepAttribute()
    {
        using var dir = new TempDir();
        string path = dir.File("attrs.h5");
        IoFixtures.WriteRaw(path, f =>
        {
            f["psi"] = new H5Dataset(new double[2 * 12 * 8], fileDims: [2, 12, 8]);
            f.Attributes = new() { ["step"] = 2.5 };
        });
        IoFixtures.AssertFileError(path, () => QgStateFile.Read(path), "attribute 'step' = 2.5; expected an integer");
    }

    [Fact]
    public void InvalidParameterAttributes()
    {
        using var dir = new TempDir();
        string path = dir.File("params.h5");
        QgStateFile.Write(path, IoFixtures.State(IoFixtures.SmallGrid, withQ: false), QgParameters.Truth);
        var values = QgParameters.Truth.ToNamedValues().ToDictionary(v => v.Name, v => (object)v.Value);
        values["robert"] = 0.7;
        IoFixtures.WriteRaw(path, f =>
        {
            f["psi"] = new H5Dataset(new double[2 * 12 * 8], fileDims: [2, 12, 8]);
            f.Attributes = values;
        });
        IoFixtures.AssertFileError(path, () => QgStateFile.Read(path), "the parameter attributes are invalid", "robert");
    }

    [Fact]
    public void OtherFormatsAreRefusedWithAHint()
    {
        using var dir = new TempDir();
        string traj = dir.File("traj.h5"), ckpt = dir.File("ckpt.h5"), state = dir.File("state.h5");
        var g = IoFixtures.SmallGrid;
        using (var w = new QgTrajectoryWriter(traj, g, QgParameters.Truth, 1)) w.Add(IoFixtures.State(g, withQ: false));
        QgCheckpointFile.Write(ckpt, new QgCheckpoint
        {
            Grid = g, Parameters = QgParameters.Truth, CallIndex = 3, Step = 3, Time = 0.075,
            Previous = IoFixtures.Level(g, 1), Current = IoFixtures.Level(g, 2),
        });
        QgStateFile.Write(state, IoFixtures.State(g, withQ: false), QgParameters.Truth);

        IoFixtures.AssertFileError(traj, () => QgStateFile.Read(traj), "'science-qg-trajectory'", "QgTrajectoryFile");
        IoFixtures.AssertFileError(ckpt, () => QgStateFile.Read(ckpt), "'science-qg-checkpoint'", "QgCheckpointFile");
        IoFixtures.AssertFileError(state, () => QgCheckpointFile.Read(state), "'science-qg-state'", "QgStateFile");
        IoFixtures.AssertFileError(state, () => QgTrajectoryFile.Read(state), "'science-qg-state'", "QgStateFile");
    }

    [Fact]
    public void NewerFormatVersionIsRefused()
    {
        using var dir = new TempDir();
        string path = dir.File("v2.h5");
        IoFixtures.WriteRaw(path, f =>
        {
            f["psi"] = new H5Dataset(new double[2 * 12 * 8], fileDims: [2, 12, 8]);
            f.Attributes = new() { ["format"] = "science-qg-state", ["format_version"] = 2 };
        });
        IoFixtures.AssertFileError(path, () => QgStateFile.Read(path), "attribute 'format_version' is 2");
    }

    [Fact]
    public void ReaderConvertsAttributesAndIntegerDatasets()
    {
        using var dir = new TempDir();
        string path = dir.File("misc.h5");
        IoFixtures.WriteRaw(path, f =>
        {
            f["i32"] = new H5Dataset(new[] { 1, -2, 3 });
            f["u8"] = new H5Dataset(new byte[] { 7, 255 });
            f["d"] = new H5Dataset(new double[] { 1, 2, 3, 4, 5, 6 }, fileDims: [3, 2]);
            f["g"] = new H5Group { Attributes = new() { ["n"] = (short)5, ["x"] = 1.5f, ["s"] = "text", ["v"] = new[] { 1.0, 2.0 } } };
        });
        using var r = Hdf5Reader.Open(path);
        Assert.Equal([1L, -2L, 3L], r.ReadInt64("i32", [3]));
        Assert.Equal([7L, 255L], r.ReadInt64("/u8"));
        Assert.Equal("uint8", r.GetTypeName("u8"));
        Assert.Equal([3.0, 4.0], r.ReadFloat64Slice("/d", 1));
        Assert.Equal(5.0, r.ReadDoubleAttribute("/g", "n"));
        Assert.Equal(5L, r.ReadInt64Attribute("g", "n"));
        Assert.Equal(1.5, r.ReadDoubleAttribute("/g", "x"));
        Assert.Equal("text", r.ReadStringAttribute("/g", "s"));
        Assert.Null(r.TryReadDoubleAttribute("/g", "missing"));
        IoFixtures.AssertFileError(path, () => r.ReadDoubleAttribute("/g", "v"), "attribute 'v' of /g holds 2 values; expected a single value");
        IoFixtures.AssertFileError(path, () => r.ReadDoubleAttribute("/g", "missing"), "attribute 'missing' of /g not found");
        IoFixtures.AssertFileError(path, () => r.ReadStringAttribute("/g", "n"), "attribute 'n' of /g has type int16; expected a string");
        IoFixtures.AssertFileError(path, () => r.ReadInt64("/d"), "dataset /d has type float64; expected an integer type");
        IoFixtures.AssertFileError(path, () => r.ReadFloat64("/g"), "/g is a group, not a dataset");
        IoFixtures.AssertFileError(path, () => r.ReadFloat64("/d", [2, 3]), "dataset /d has shape [3, 2]; expected [2, 3]");
        IoFixtures.AssertFileError(path, () => r.ReadFloat64Slice("/d", 3), "entry 3 along the first dimension does not exist");
        IoFixtures.AssertFileError(path, () => r.GetShape("/nope/x"), "dataset /nope/x not found");
    }
}
