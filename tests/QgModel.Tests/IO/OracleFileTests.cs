using Science.QgModel.IO;

namespace Science.QgModel.Tests.IO;

/// <summary>
/// Reading the reference oracle; every test is skipped when the oracle is not present, and fails then under CI=true
/// (CI puts the shared reference data beside the repository).
/// </summary>
public sealed class OracleFileTests
{
    private static string OraclePath => Oracle.RequirePath();

    [SkippableFact]
    public void DefaultPathPointsAtTheOracleWhenItExists()
    {
        Oracle.RequirePath();
        string? path = OracleFile.DefaultPath;
        Assert.NotNull(path);
        Assert.True(File.Exists(path));
        Assert.Equal(OracleFile.FileName, Path.GetFileName(path));
    }

    [SkippableFact]
    public void ReadsGridInitialConditionAndAttributes()
    {
        string path = OraclePath;
        using var o = OracleFile.Open(path);

        var x = o.ReadVector("/grid/x");
        Assert.Equal(96, x.Length);
        Assert.Equal(-23.0, x[0]);
        Assert.Equal(192, o.ReadVector("grid/y").Length);
        Assert.Equal([192, 96], o.GetShape("/ic/psi_1"));

        var psi1 = o.ReadField("/ic/psi_1");
        var psi2 = o.ReadField("/ic/psi_2");
        Assert.Equal(192 * 96, psi1.Length);
        var layers = o.ReadLayers("/ic");
        Assert.Equal([.. psi1, .. psi2], layers);
        Assert.Equal([.. o.ReadField("/ic/q_1"), .. o.ReadField("/ic/q_2")], o.ReadPvLayers("/ic/"));
        var state = o.ReadState("/ic");
        Assert.True(state.HasQ);
        Assert.Same(Grid.Default, state.Grid);

        Assert.Equal(0.25, o.ReadAttribute("/traj/step_00010", "t_new"));
        Assert.Equal(1.0, o.ReadAttribute("/traj/step_00010", "prev_is_robert_filtered")); // h5py bool (enum)
        Assert.Equal(0.0, o.ReadAttribute("/traj/step_00001", "prev_is_robert_filtered"));
        Assert.Equal(96.0, o.ReadAttribute("/params", "N"));                             // int64
        Assert.Equal(0.196, o.ReadAttribute("/params", "beta"));
        Assert.StartsWith("zero", o.ReadStringAttribute("/params", "topography"));

        var steps = o.ReadInt64Vector("/diag/steps");
        Assert.Equal(1501, steps.Length);
        Assert.Equal(40L, steps[1]);
        var ke = o.ReadArray("/diag/ke", out int[] shape);
        Assert.Equal([1501, 2], shape);
        Assert.Equal(1501 * 2, ke.Length);
    }

    [SkippableFact]
    public void ErrorsNameTheDataset()
    {
        string path = OraclePath;
        using var o = OracleFile.Open(path);
        IoFixtures.AssertFileError(path, () => o.ReadField("/grid/x"), "dataset /grid/x has shape [96]; expected [192, 96]");
        IoFixtures.AssertFileError(path, () => o.ReadField("/ic/psi_9"), "dataset /ic/psi_9 not found");
        IoFixtures.AssertFileError(path, () => o.ReadVector("/ic/psi_1"), "dataset /ic/psi_1 has shape [192, 96]; expected a vector [n]");
        IoFixtures.AssertFileError(path, () => o.ReadAttribute("/grid/x", "doc"), "attribute 'doc' of /grid/x has type string");
    }

    [SkippableFact]
    public void ConcurrentReadsAreSafe()
    {
        string path = OraclePath;
        using var o = OracleFile.Open(path);
        var expected = o.ReadField("/ic/psi_1");
        Parallel.For(0, 16, i =>
        {
            var f = o.ReadField(i % 2 == 0 ? "/ic/psi_1" : "/spinup/step_60000/new/psi_1");
            if (i % 2 == 0) Assert.Equal(expected, f);
        });
    }
}
