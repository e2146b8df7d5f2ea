namespace Science.QgModel.Tests;

/// <summary>Acceptance 5: a checkpointed restart continues bit for bit.</summary>
public sealed class RestartTests
{
    [SkippableFact]
    public void CheckpointRestartIsBitwiseIdentical()
    {
        var g = Grid.Default;
        var psi = Oracle.Layers("/onestep/input", "psi");
        using var straight = new QgSolver(g, QgParameters.Truth);
        straight.Initialize(new QgState(g, psi, null));
        straight.Advance(60);

        using var first = new QgSolver(g, QgParameters.Truth);
        first.Initialize(new QgState(g, psi, null));
        first.Advance(30);
        var checkpoint = first.Checkpoint();
        first.Advance(5); // the checkpoint is a deep copy: later steps must not change it

        using var resumed = new QgSolver(g, QgParameters.Truth);
        resumed.Restore(checkpoint);
        resumed.Advance(30);

        Assert.Equal(straight.StepCount, resumed.StepCount);
        Assert.Equal(straight.Time, resumed.Time);
        Assert.Equal(straight.Current.Psi, resumed.Current.Psi);
        Assert.Equal(straight.Current.Q, resumed.Current.Q);
        Assert.Equal(straight.Previous.Psi, resumed.Previous.Psi);
    }

    [SkippableFact]
    public void CheckpointBeforeFirstStepIsRefused()
    {
        var g = Grid.Default;
        using var s = new QgSolver(g, QgParameters.Truth);
        s.Initialize(new QgState(g, new double[2 * g.RealSize], null));
        Assert.Throws<InvalidOperationException>(() => s.Checkpoint());
    }

    [SkippableFact]
    public void EnsembleMembersSteppedInParallelEqualSerialRuns()
    {
        var g = Grid.Default;
        var psi = Oracle.Layers("/onestep/input", "psi");
        var members = Enumerable.Range(0, 3).Select(m =>
        {
            var s = new QgSolver(g, QgParameters.Truth with { TauF = 0.07 + 0.01 * m });
            s.Initialize(new QgState(g, psi, null));
            return s;
        }).ToArray();
        QgEnsemble.Advance(members, 10);
        for (int m = 0; m < members.Length; m++)
        {
            using var serial = new QgSolver(g, QgParameters.Truth with { TauF = 0.07 + 0.01 * m });
            serial.Initialize(new QgState(g, psi, null));
            serial.Advance(10);
            Assert.Equal(serial.Current.Psi, members[m].Current.Psi);
            members[m].Dispose();
        }
    }
}
