using Science.Numerics.IO;
using PureHDF;
using Science.QgModel.IO;

namespace Science.QgModel.Tests.IO;

public sealed class QgStateFileTests
{
    [Fact]
    public void RoundTripIsBitExactWithAttributesAndProvenance()
    {
        using var dir = new TempDir();
        string path = dir.File("state.h5");
        var g = Grid.Default;
        var seed = IoFixtures.State(g, withQ: true);
        var psi = seed.Psi.ToArray();
        var q = seed.Q.ToArray();
        psi[3] = -0.0;
        psi[4] = double.Epsilon;
        q[5] = double.MaxValue;
        var state = new QgState(g, psi, q, seed.Time, seed.Step);
        var provenance = new Dictionary<string, string> { ["command"] = "qg run --steps 495 --seed 42", ["seed"] = "42" };

        QgStateFile.Write(path, state, IoFixtures.OddParameters, provenance);
        var back = QgStateFile.Read(path);

        Assert.True(back.Grid.SameAs(g));
        Assert.True(back.HasQ);
        IoFixtures.AssertBitwiseEqual(state.Psi, back.State.Psi);
        IoFixtures.AssertBitwiseEqual(state.Q, back.State.Q);
        Assert.Equal(state.Time, back.State.Time);
        Assert.Equal(state.Step, back.State.Step);
        Assert.Equal(IoFixtures.OddParameters, back.Parameters);
        Assert.Equal("qg run --steps 495 --seed 42", back.Provenance["command"]);
        Assert.Equal("42", back.Provenance["seed"]);
        Assert.False(back.Provenance.ContainsKey("format"));
        Assert.Equal(["state.h5"], dir.FileNames());

        using var r = Hdf5Reader.Open(path);
        Assert.Equal("science-qg-state", r.ReadStringAttribute("/", "format"));
        Assert.Equal(1, r.ReadInt64Attribute("/", "format_version"));
        Assert.StartsWith("Science.QgModel ", r.ReadStringAttribute("/", "producer"));
        Assert.Equal(96, r.ReadInt64Attribute("/", "nx"));
        Assert.Equal(192, r.ReadInt64Attribute("/", "ny"));
        Assert.Equal(495, r.ReadInt64Attribute("/", "step"));
        Assert.Equal([2, 192, 96], r.GetShape("/psi"));
        Assert.Equal(g.X.ToArray(), r.ReadFloat64("/x", [96]));
        Assert.Equal(g.Y.ToArray(), r.ReadFloat64("/y", [192]));
        foreach (var (name, value) in IoFixtures.OddParameters.ToNamedValues())
            Assert.Equal(value, r.ReadDoubleAttribute("/", name));
    }

    [Fact]
    public void StateWithoutQHasNoQDataset()
    {
        using var dir = new TempDir();
        string path = dir.File("psi.h5");
        var state = IoFixtures.State(IoFixtures.SmallGrid, withQ: false);
        QgStateFile.Write(path, state, QgParameters.Truth);

        var back = QgStateFile.Read(path);
        Assert.False(back.HasQ);
        Assert.False(back.State.HasQ);
        Assert.True(back.Grid.SameAs(IoFixtures.SmallGrid));
        Assert.Equal(QgParameters.Truth, back.Parameters);
        IoFixtures.AssertBitwiseEqual(state.Psi, back.State.Psi);
        using var r = Hdf5Reader.Open(path);
        Assert.False(r.Exists("/q"));
    }

    [Fact]
    public void ExpectedGridIsCheckedAndItsInstanceReturned()
    {
        using var dir = new TempDir();
        string path = dir.File("small.h5");
        QgStateFile.Write(path, IoFixtures.State(IoFixtures.SmallGrid, withQ: true), QgParameters.Truth);

        var same = new Grid(8, 12, 10.0, 20.0);
        Assert.Same(same, QgStateFile.Read(path, same).Grid);

        IoFixtures.AssertFileError(path, () => QgStateFile.Read(path, Grid.Default),
            "dataset /psi has shape [2, 12, 8]; expected [2, 192, 96] for the 96×192 grid");
        IoFixtures.AssertFileError(path, () => QgStateFile.Read(path, new Grid(8, 12, 46, 68)),
            "differs from the expected grid");
    }

    [Fact]
    public void PsiOnlyFileWithoutAttributesIsAccepted()
    {
        using var dir = new TempDir();
        string path = dir.File("user.h5");
        var psi = IoFixtures.RandomValues(2 * 12 * 8, 7);
        IoFixtures.WriteRaw(path, f => f["psi"] = new H5Dataset(psi, fileDims: [2, 12, 8]));

        var back = QgStateFile.Read(path);
        Assert.Equal(8, back.Grid.Nx);
        Assert.Equal(12, back.Grid.Ny);
        Assert.Equal(Grid.Default.Lx, back.Grid.Lx);
        Assert.Equal(Grid.Default.Ly, back.Grid.Ly);
        Assert.Null(back.Parameters);
        Assert.False(back.HasQ);
        Assert.Equal(0, back.State.Time);
        Assert.Equal(0, back.State.Step);
        Assert.Empty(back.Provenance);
        IoFixtures.AssertBitwiseEqual(psi, back.State.Psi);

        // Lengths come from the expected grid when the file has none.
        Assert.Same(IoFixtures.SmallGrid, QgStateFile.Read(path, IoFixtures.SmallGrid).Grid);
    }

    [Fact]
    public void PartialParameterAttributesGiveNullParameters()
    {
        using var dir = new TempDir();
        string path = dir.File("partial.h5");
        IoFixtures.WriteRaw(path, f =>
        {
            f["psi"] = new H5Dataset(new double[2 * 12 * 8], fileDims: [2, 12, 8]);
            f.Attributes = new() { ["beta"] = 0.2, ["nx"] = 8L, ["lx"] = 5.0, ["time"] = 3, ["step"] = 7.0 };
        });
        var back = QgStateFile.Read(path);
        Assert.Null(back.Parameters);
        Assert.Equal(5.0, back.Grid.Lx);
        Assert.Equal(3.0, back.State.Time);   // an int32 attribute reads as a double
        Assert.Equal(7L, back.State.Step);    // an integral float64 attribute reads as an integer
    }

    [Fact]
    public void OverwriteReplacesTheFileAndLeavesNoTemporaryFile()
    {
        using var dir = new TempDir();
        string path = dir.File("state.h5");
        QgStateFile.Write(path, IoFixtures.State(IoFixtures.SmallGrid, withQ: true, seed: 1), QgParameters.Truth);
        var second = IoFixtures.State(IoFixtures.SmallGrid, withQ: false, seed: 2, time: 1, step: 40);
        QgStateFile.Write(path, second, QgParameters.Truth);

        var back = QgStateFile.Read(path);
        Assert.False(back.HasQ);
        Assert.Equal(40, back.State.Step);
        IoFixtures.AssertBitwiseEqual(second.Psi, back.State.Psi);
        Assert.Equal(["state.h5"], dir.FileNames());
    }

    [Fact]
    public void FailedWriteLeavesTheExistingFileIntact()
    {
        using var dir = new TempDir();
        string path = dir.File("state.h5");
        QgStateFile.Write(path, IoFixtures.State(IoFixtures.SmallGrid, withQ: true), QgParameters.Truth);
        byte[] before = File.ReadAllBytes(path);

        string? temp = null;
        var e = IoFixtures.AssertFileError(path, () => QgStateFile.Write(path, IoFixtures.State(IoFixtures.SmallGrid, withQ: false, seed: 9),
            QgParameters.Truth, null, beforeCommit: tmp =>
            {
                temp = tmp;
                Assert.True(File.Exists(tmp));
                Assert.Equal(dir.Path, Path.GetDirectoryName(tmp));
                throw new IOException("simulated disk failure");
            }), "cannot write", "simulated disk failure");

        Assert.IsType<IOException>(e.InnerException);
        Assert.StartsWith(path + ".tmp-", temp);
        Assert.False(File.Exists(temp));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["state.h5"], dir.FileNames());
        Assert.True(QgStateFile.Read(path).HasQ);
    }

    [Fact]
    public void WriteIntoMissingDirectoryOrOntoDirectoryFails()
    {
        using var dir = new TempDir();
        string missing = Path.Combine(dir.Path, "no-such-dir", "state.h5");
        var state = IoFixtures.State(IoFixtures.SmallGrid, withQ: false);
        IoFixtures.AssertFileError(missing, () => QgStateFile.Write(missing, state, QgParameters.Truth), "cannot write");
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));

        string sub = dir.File("sub");
        Directory.CreateDirectory(sub);
        IoFixtures.AssertFileError(sub, () => QgStateFile.Write(sub, state, QgParameters.Truth), "is a directory");
        Assert.Equal([], dir.FileNames());
    }

    [Fact]
    public void ReservedProvenanceKeyIsRefusedBeforeWriting()
    {
        using var dir = new TempDir();
        string path = dir.File("state.h5");
        var state = IoFixtures.State(IoFixtures.SmallGrid, withQ: false);
        Assert.Throws<ArgumentException>(() =>
            QgStateFile.Write(path, state, QgParameters.Truth, new Dictionary<string, string> { ["beta"] = "0.3" }));
        Assert.Throws<ArgumentException>(() =>
            QgStateFile.Write(path, state, QgParameters.Truth, new Dictionary<string, string> { ["time"] = "now" }));
        Assert.Equal([], dir.FileNames());
    }
}
