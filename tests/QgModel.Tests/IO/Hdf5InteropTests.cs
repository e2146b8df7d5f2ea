using Science.QgModel.IO;

namespace Science.QgModel.Tests.IO;

/// <summary>
/// Our files read by h5py and h5dump, and h5py's files read by us. Each test is skipped when /usr/bin/python3 with
/// h5py, or h5dump, is not installed, and fails then under CI=true (where .ci/run installs them).
/// </summary>
public sealed class Hdf5InteropTests
{
    private static QgState ExactState(Grid g)
    {
        // Values that NumPy recomputes bit for bit: i*0.1 − 5 and −(i*0.25).
        int n = 2 * g.RealSize;
        var psi = new double[n];
        var q = new double[n];
        for (int i = 0; i < n; i++)
        {
            psi[i] = i * 0.1 - 5.0;
            q[i] = -(i * 0.25);
        }
        return new QgState(g, psi, q, time: 12.5, step: 500);
    }

    [SkippableFact]
    public void H5pyReadsOurStateFile()
    {
        ExternalTools.RequirePythonH5py();
        using var dir = new TempDir();
        string path = dir.File("state.h5");
        var provenance = new Dictionary<string, string> { ["seed"] = "42", ["command"] = "qg run --seed 42 — ψ" };
        QgStateFile.Write(path, ExactState(Grid.Default), QgParameters.Truth, provenance);

        const string script = """
            import sys, h5py, numpy as np
            with h5py.File(sys.argv[1], 'r') as f:
                n = 2 * 192 * 96
                psi, q = f['psi'], f['q']
                assert psi.shape == (2, 192, 96) and psi.dtype == np.float64, (psi.shape, psi.dtype)
                assert q.shape == (2, 192, 96) and q.dtype == np.float64, (q.shape, q.dtype)
                i = np.arange(n, dtype=np.float64)
                assert np.array_equal(psi[...].ravel(), i * 0.1 - 5.0), 'psi values'
                assert np.array_equal(q[...].ravel(), -(i * 0.25)), 'q values'
                assert f['x'].shape == (96,) and f['x'][0] == -23.0 and f['y'].shape == (192,) and f['y'][0] == -34.0
                a = f.attrs
                assert a['time'] == 12.5 and a['time'].dtype == np.float64, repr(a['time'])
                assert a['step'] == 500 and a['step'].dtype == np.int64, repr(a['step'])
                assert a['nx'] == 96 and a['ny'] == 192 and a['lx'] == 46.0 and a['ly'] == 68.0
                assert a['beta'] == 0.196 and a['dt'] == 0.025 and a['robert'] == 0.04 and a['periodic_pv'] == 0.0
                assert a['format'] == 'science-qg-state', repr(a['format'])
                assert a['format_version'] == 1
                assert a['producer'].startswith('Science.QgModel '), repr(a['producer'])
                assert a['seed'] == '42' and a['command'] == 'qg run --seed 42 \u2014 \u03c8', repr(a['command'])
            print('ok')
            """;
        Assert.Equal("ok", ExternalTools.RunPython(script, path).Trim());
    }

    [SkippableFact]
    public void H5dumpReadsOurStateFileHeader()
    {
        string h5dump = ExternalTools.RequireH5dump();
        using var dir = new TempDir();
        string path = dir.File("state.h5");
        QgStateFile.Write(path, ExactState(Grid.Default), QgParameters.Truth);

        var (code, stdout, stderr) = ExternalTools.Run(h5dump, ["-H", path]);
        Assert.True(code == 0, $"h5dump exited with {code}: {stderr}");
        Assert.Contains("DATASET \"psi\"", stdout);
        Assert.Contains("DATASET \"q\"", stdout);
        Assert.Contains("H5T_IEEE_F64LE", stdout);
        Assert.Contains("( 2, 192, 96 )", stdout);
        Assert.Contains("ATTRIBUTE \"format\"", stdout);
        Assert.Contains("H5T_STD_I64LE", stdout); // step

        var (code2, stdout2, stderr2) = ExternalTools.Run(h5dump, ["-d", "/psi", "-s", "1,191,94", "-c", "1,1,2", path]);
        Assert.True(code2 == 0, $"h5dump exited with {code2}: {stderr2}");
        Assert.Contains("3681.2", stdout2); // psi[1,191,94] = 36862*0.1 − 5
    }

    [SkippableFact]
    public void H5pyReadsOurTrajectoryAndCheckpoint()
    {
        ExternalTools.RequirePythonH5py();
        using var dir = new TempDir();
        string traj = dir.File("traj.h5"), ckpt = dir.File("ckpt.h5");
        var g = Grid.Default;
        var s = ExactState(g);
        using (var w = new QgTrajectoryWriter(traj, g, QgParameters.Truth, 3))
            for (int k = 0; k < 3; k++) w.Add(new QgState(g, s.Psi, s.Q, 0.5 * k, 20 * k));
        var level = IoFixtures.Level(g, 3);
        QgCheckpointFile.Write(ckpt, new QgCheckpoint
        {
            Grid = g, Parameters = QgParameters.Truth, CallIndex = 7, Step = 6, Time = 0.15, Previous = level, Current = level,
        });

        const string script = """
            import sys, h5py, numpy as np
            with h5py.File(sys.argv[1], 'r') as f:
                psi = f['psi']
                assert psi.shape == (3, 2, 192, 96) and psi.dtype == np.float64, psi.shape
                assert psi.chunks == (1, 2, 192, 96), psi.chunks
                assert psi.compression == 'gzip' and psi.shuffle, (psi.compression, psi.shuffle)
                i = np.arange(2 * 192 * 96, dtype=np.float64)
                for k in range(3):
                    assert np.array_equal(psi[k].ravel(), i * 0.1 - 5.0), k
                    assert np.array_equal(f['q'][k].ravel(), -(i * 0.25)), k
                assert list(f['time'][...]) == [0.0, 0.5, 1.0]
                assert f['step'].dtype == np.int64 and list(f['step'][...]) == [0, 20, 40]
                assert f.attrs['format'] == 'science-qg-trajectory' and f.attrs['complete'] == 1
            with h5py.File(sys.argv[2], 'r') as f:
                for d in ('previous_re', 'previous_im', 'current_re', 'current_im'):
                    assert f[d].shape == (2, 192, 49) and f[d].dtype == np.float64, d
                assert np.array_equal(f['previous_re'][...], f['current_re'][...])
                assert f.attrs['call_index'] == 7 and f.attrs['step'] == 6 and f.attrs['time'] == 0.15
                assert f.attrs['format'] == 'science-qg-checkpoint'
            print('ok')
            """;
        Assert.Equal("ok", ExternalTools.RunPython(script, traj, ckpt).Trim());
    }

    [SkippableFact]
    public void WeReadStateFilesWrittenByH5py()
    {
        ExternalTools.RequirePythonH5py();
        using var dir = new TempDir();
        string full = dir.File("full.h5"), bare = dir.File("bare.h5"), f32 = dir.File("f32.h5"), be = dir.File("be.h5");
        const string script = """
            import sys, h5py, numpy as np
            full, bare, f32, be = sys.argv[1:5]
            v = (np.arange(2 * 12 * 8, dtype=np.float64) * 0.5).reshape(2, 12, 8)
            with h5py.File(full, 'w') as f:
                f['psi'] = v
                f.create_dataset('q', data=-v, chunks=(1, 12, 8), compression='gzip', shuffle=True)
                f.attrs['nx'] = 8; f.attrs['ny'] = 12; f.attrs['lx'] = 10.0; f.attrs['ly'] = 20.0
                f.attrs['time'] = 2.5; f.attrs['step'] = 100; f.attrs['note'] = 'by hand'
            with h5py.File(bare, 'w') as f:
                f['psi'] = v
            with h5py.File(f32, 'w') as f:
                f['psi'] = v.astype(np.float32)
            with h5py.File(be, 'w') as f:
                f['psi'] = v.astype('>f8')
            print('ok')
            """;
        Assert.Equal("ok", ExternalTools.RunPython(script, full, bare, f32, be).Trim());

        var expected = Enumerable.Range(0, 2 * 12 * 8).Select(i => i * 0.5).ToArray();
        var a = QgStateFile.Read(full);
        Assert.True(a.Grid.SameAs(new Grid(8, 12, 10.0, 20.0)));
        Assert.True(a.HasQ);
        Assert.Equal(expected, a.State.Psi.ToArray());
        Assert.Equal(expected.Select(x => -x), a.State.Q.ToArray());
        Assert.Equal(2.5, a.State.Time);
        Assert.Equal(100, a.State.Step);
        Assert.Equal("by hand", a.Provenance["note"]);
        Assert.Null(a.Parameters);

        var b = QgStateFile.Read(bare);
        Assert.Equal(expected, b.State.Psi);
        Assert.Equal(Grid.Default.Lx, b.Grid.Lx);

        IoFixtures.AssertFileError(f32, () => QgStateFile.Read(f32), "dataset /psi has type float32; expected float64");
        // PureHDF 2.2.0 does not convert byte order: a big-endian file is refused with a clear message.
        IoFixtures.AssertFileError(be, () => QgStateFile.Read(be), "/psi");
    }
}
