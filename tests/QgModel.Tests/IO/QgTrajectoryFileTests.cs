using Science.Numerics.IO;
using PureHDF;
using Science.QgModel.IO;

namespace Science.QgModel.Tests.IO;

public sealed class QgTrajectoryFileTests
{
    private static QgState[] Snapshots(Grid g, int count, bool withQ) =>
        [.. Enumerable.Range(0, count).Select(k => IoFixtures.State(g, withQ, seed: 50 + k, time: 0.025 * 40 * k, step: 40 * k))];

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void WriteAndReadBack(bool compress, bool withQ)
    {
        using var dir = new TempDir();
        string path = dir.File("traj.h5");
        var g = IoFixtures.SmallGrid;
        var snaps = Snapshots(g, 4, withQ);
        var provenance = new Dictionary<string, string> { ["command"] = "qg run", ["seed"] = "3" };

        using (var w = new QgTrajectoryWriter(path, g, IoFixtures.OddParameters, 4, provenance, compress))
        {
            foreach (var s in snaps) w.Add(s);
            Assert.False(File.Exists(path)); // nothing is written before Complete
            w.Complete();
            Assert.True(w.IsCompleted);
        }

        Assert.True(QgTrajectoryFile.IsTrajectory(path));
        var t = QgTrajectoryFile.Read(path);
        Assert.Equal(4, t.Count);
        Assert.True(t.IsComplete);
        Assert.Equal(withQ, t.HasQ);
        Assert.True(t.Grid.SameAs(g));
        Assert.Equal(IoFixtures.OddParameters, t.Parameters);
        Assert.Equal(snaps.Select(s => s.Time), t.Times);
        Assert.Equal(snaps.Select(s => s.Step), t.Steps);
        Assert.Equal("qg run", t.Provenance["command"]);
        for (int k = 0; k < 4; k++)
        {
            var s = t.GetState(k);
            IoFixtures.AssertBitwiseEqual(snaps[k].Psi, s.Psi);
            if (withQ) IoFixtures.AssertBitwiseEqual(snaps[k].Q, s.Q);
            else Assert.False(s.HasQ);
            Assert.Equal(snaps[k].Time, s.Time);
            Assert.Equal(snaps[k].Step, s.Step);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => t.GetState(4));
        Assert.Equal(["traj.h5"], dir.FileNames());

        using var r = Hdf5Reader.Open(path);
        Assert.Equal([4, 2, g.Ny, g.Nx], r.GetShape("/psi"));
        Assert.Equal("int64", r.GetTypeName("/step"));
        Assert.Equal(4, r.ReadInt64Attribute("/", "snapshot_count"));
        Assert.Equal(1, r.ReadInt64Attribute("/", "complete"));
    }

    [Fact]
    public void DisposeWithFewerSnapshotsWritesThemMarkedIncomplete()
    {
        using var dir = new TempDir();
        string path = dir.File("short.h5");
        var g = IoFixtures.SmallGrid;
        var snaps = Snapshots(g, 2, withQ: true);
        using (var w = new QgTrajectoryWriter(path, g, QgParameters.Truth, 5))
            foreach (var s in snaps) w.Add(s);

        var t = QgTrajectoryFile.Read(path);
        Assert.False(t.IsComplete);
        Assert.Equal(2, t.Count);
        IoFixtures.AssertBitwiseEqual(snaps[1].Psi, t.GetState(1).Psi);
    }

    [Fact]
    public void CompleteWithFewerSnapshotsIsMarkedIncomplete()
    {
        using var dir = new TempDir();
        string path = dir.File("short.h5");
        var g = IoFixtures.SmallGrid;
        using var w = new QgTrajectoryWriter(path, g, QgParameters.Truth, 3);
        w.Add(IoFixtures.State(g, withQ: false));
        w.Complete();
        Assert.False(QgTrajectoryFile.Read(path).IsComplete);
        Assert.Throws<InvalidOperationException>(() => w.Add(IoFixtures.State(g, withQ: false)));
        Assert.Throws<InvalidOperationException>(() => w.Complete());
    }

    [Fact]
    public void DisposeWithoutSnapshotsWritesNothing()
    {
        using var dir = new TempDir();
        string path = dir.File("empty.h5");
        using (var w = new QgTrajectoryWriter(path, IoFixtures.SmallGrid, QgParameters.Truth, 3)) { }
        Assert.False(File.Exists(path));
        using var w2 = new QgTrajectoryWriter(path, IoFixtures.SmallGrid, QgParameters.Truth, 3);
        Assert.Throws<InvalidOperationException>(() => w2.Complete());
    }

    [Fact]
    public void MisuseIsRefused()
    {
        using var dir = new TempDir();
        string path = dir.File("t.h5");
        var g = IoFixtures.SmallGrid;
        Assert.Throws<ArgumentOutOfRangeException>(() => new QgTrajectoryWriter(path, g, QgParameters.Truth, 0));
        Assert.Throws<ArgumentException>(() => new QgTrajectoryWriter(path, g, QgParameters.Truth, 1,
            new Dictionary<string, string> { ["complete"] = "yes" }));

        using var w = new QgTrajectoryWriter(path, g, QgParameters.Truth, 2);
        Assert.Throws<ArgumentException>(() => w.Add(IoFixtures.State(Grid.Default, withQ: false)));
        w.Add(IoFixtures.State(g, withQ: true));
        Assert.Throws<ArgumentException>(() => w.Add(IoFixtures.State(g, withQ: false)));
        w.Add(IoFixtures.State(g, withQ: true));
        Assert.Throws<InvalidOperationException>(() => w.Add(IoFixtures.State(g, withQ: true)));
    }

    [Fact]
    public void SnapshotsAreCopiedOnConstruction()
    {
        using var dir = new TempDir();
        string path = dir.File("t.h5");
        var g = IoFixtures.SmallGrid;
        var psi = IoFixtures.State(g, withQ: false).Psi.ToArray();
        var s = new QgState(g, psi, null);
        double original = psi[0];
        psi[0] = 1234.5;   // the state copied its input: changing the caller's array changes nothing written
        using (var w = new QgTrajectoryWriter(path, g, QgParameters.Truth, 1))
            w.Add(s);
        Assert.Equal(original, QgTrajectoryFile.Read(path).GetState(0).Psi[0]);
    }

    [Fact]
    public void FailedCompleteLeavesTheExistingFileIntact()
    {
        using var dir = new TempDir();
        string path = dir.File("traj.h5");
        var g = IoFixtures.SmallGrid;
        using (var w = new QgTrajectoryWriter(path, g, QgParameters.Truth, 1)) w.Add(IoFixtures.State(g, withQ: false));
        byte[] before = File.ReadAllBytes(path);

        var w2 = new QgTrajectoryWriter(path, g, QgParameters.Truth, 1);
        w2.Add(IoFixtures.State(g, withQ: true, seed: 5));
        IoFixtures.AssertFileError(path, () => w2.CompleteCore(_ => throw new IOException("disk full")), "cannot write", "disk full");
        Assert.False(w2.IsCompleted);

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["traj.h5"], dir.FileNames());
    }

    [Fact]
    public void StateFilesAreNotTrajectories()
    {
        using var dir = new TempDir();
        string path = dir.File("state.h5"), raw = dir.File("raw.h5");
        QgStateFile.Write(path, IoFixtures.State(IoFixtures.SmallGrid, withQ: false), QgParameters.Truth);
        Assert.False(QgTrajectoryFile.IsTrajectory(path));

        IoFixtures.WriteRaw(raw, f => f["psi"] = new H5Dataset(new double[2 * 12 * 8], fileDims: [2, 12, 8]));
        Assert.False(QgTrajectoryFile.IsTrajectory(raw));
        IoFixtures.AssertFileError(raw, () => QgTrajectoryFile.Read(raw), "expected [T, 2, Ny, Nx]", "QgStateFile");
    }

    [Fact]
    public void HandWrittenTrajectoryWithoutTimesIsAccepted()
    {
        using var dir = new TempDir();
        string path = dir.File("hand.h5");
        var psi = IoFixtures.RandomValues(3 * 2 * 12 * 8, 4);
        IoFixtures.WriteRaw(path, f => f["psi"] = new H5Dataset(psi, fileDims: [3, 2, 12, 8]));
        Assert.True(QgTrajectoryFile.IsTrajectory(path));
        var t = QgTrajectoryFile.Read(path);
        Assert.Equal([0L, 1L, 2L], t.Steps);
        Assert.Equal([0.0, 1.0, 2.0], t.Times);
        Assert.True(t.IsComplete);
        Assert.Null(t.Parameters);
        IoFixtures.AssertBitwiseEqual(psi.AsSpan(2 * 2 * 12 * 8), t.GetState(2).Psi);
        IoFixtures.AssertFileError(path, () => QgTrajectoryFile.Read(path, Grid.Default), "expected [3, 2, 192, 96] for the 96×192 grid");
    }
}
