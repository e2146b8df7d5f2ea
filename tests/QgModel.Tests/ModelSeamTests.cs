using Science.Models;
using Science.Models.Ensembles;
using Science.QgModel.IO;
using Science.Tests.Shared;

namespace Science.QgModel.Tests;

/// <summary>The QG model behind the model seam: ensembles with per-member status, leapfrog continuation, no allocation.</summary>
public sealed class ModelSeamTests
{
    private static readonly Lazy<double[]> SpunUpPsi = new(() => QgStateFile.Read(RepositoryPaths.SpunUp).State.Psi.ToArray());

    private static long[] Bits(double[] a) => a.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public void ContinuingAfterAZeroAnalysisUpdateEqualsTheUninterruptedRunBitForBit()
    {
        var g = Grid.Default;
        var psi = SpunUpPsi.Value;
        using var straight = new TwoLayerQgModel(g, QgParameters.Truth);
        straight.SetState(psi);
        straight.Advance(60);
        var expected = new double[straight.StateSize];
        straight.CopyState(expected);

        using var cycled = new TwoLayerQgModel(g, QgParameters.Truth);
        cycled.SetState(psi);
        cycled.Advance(30);
        var forecast = new double[cycled.StateSize];
        cycled.CopyState(forecast);
        cycled.SetState(forecast, LevelUpdate.Continue);   // an analysis that changes nothing
        cycled.Advance(30);
        var actual = new double[cycled.StateSize];
        cycled.CopyState(actual);
        Assert.Equal(Bits(expected), Bits(actual));

        // A restart from the same state (forward step, no history) is a different run: the continuation is not trivial.
        using var restarted = new TwoLayerQgModel(g, QgParameters.Truth);
        restarted.SetState(psi);
        restarted.Advance(30);
        restarted.SetState(forecast, LevelUpdate.Restart);
        restarted.Advance(30);
        var afterRestart = new double[restarted.StateSize];
        restarted.CopyState(afterRestart);
        Assert.True(MaxRelative(afterRestart, expected) > 1e-6, "a forward restart should differ from the leapfrog continuation");
    }

    [Fact]
    public void AnAnalysisIncrementMovesBothLevelsAndTheLeapfrogContinues()
    {
        var g = Grid.Default;
        using var model = new TwoLayerQgModel(g, QgParameters.Truth);
        model.SetState(SpunUpPsi.Value);
        model.Advance(10);
        var state = new double[model.StateSize];
        var previousBefore = new double[model.StateSize];
        model.CopyState(state);
        model.CopyPreviousState(previousBefore);
        var analysis = state.Select((v, i) => v + 1e-3 * Math.Sin(0.01 * i)).ToArray();
        model.SetState(analysis, LevelUpdate.Continue);
        var now = new double[model.StateSize];
        var previousAfter = new double[model.StateSize];
        model.CopyState(now);
        model.CopyPreviousState(previousAfter);
        // Both levels moved by the increment (to round-off of the spectral PV round trip, and up to the barotropic mean
        // that PV inversion removes).
        for (int layer = 0; layer < 2; layer++)
        {
            double meanShift = 0;
            for (int p = 0; p < g.RealSize; p++) meanShift += (analysis[layer * g.RealSize + p] - now[layer * g.RealSize + p]) / g.RealSize;
            for (int p = 0; p < g.RealSize; p += 97)
            {
                int i = layer * g.RealSize + p;
                Assert.Equal(analysis[i] - meanShift, now[i], 1e-10);
                Assert.Equal(previousBefore[i] + (analysis[i] - state[i]) - meanShift, previousAfter[i], 1e-10);
            }
        }
        Assert.Equal(10, model.Solver.CallIndex);   // the next step is call 10: a leapfrog step, not a forward restart (call 0)
        model.Advance(5);
        Assert.Equal(15, model.Solver.CallIndex);
    }

    [Fact]
    public void SetLevelsContinuesTheLeapfrogToRoundOff()
    {
        var g = Grid.Default;
        using var straight = new TwoLayerQgModel(g, QgParameters.Truth);
        straight.SetState(SpunUpPsi.Value);
        straight.Advance(20);
        var previous = new double[straight.StateSize];
        var current = new double[straight.StateSize];
        straight.CopyPreviousState(previous);
        straight.CopyState(current);
        straight.Advance(20);
        var expected = new double[straight.StateSize];
        straight.CopyState(expected);

        using var resumed = new TwoLayerQgModel(g, QgParameters.Truth);
        resumed.SetLevels(previous, current, straight.Time - 20 * straight.TimeStep, 20);
        resumed.Advance(20);
        var actual = new double[resumed.StateSize];
        resumed.CopyState(actual);
        Assert.True(MaxRelative(actual, expected) < 1e-10, $"SetLevels continuation differs by {MaxRelative(actual, expected):E2}");
        Assert.Equal(40, resumed.StepCount);
    }

    [Fact]
    public void TwentyMembersStepOnAllCoresAndABlownUpMemberIsReportedWhileTheOthersFinish()
    {
        var g = Grid.Default;
        var psi = SpunUpPsi.Value;
        const int members = 20, steps = 10, bad = 7;
        var ensemble = new Ensemble(members, psi.Length);
        for (int m = 0; m < members; m++)
        {
            var x = ensemble.Member(m);
            for (int i = 0; i < x.Length; i++) x[i] = psi[i] * (1 + 1e-3 * m) * (m == bad ? 200 : 1);
        }
        using var parallel = new EnsembleRunner(_ => new TwoLayerQgModel(g, QgParameters.Truth), members);
        parallel.SetStates(ensemble);
        int blownUp = parallel.Advance(ensemble, steps);

        Assert.Equal(1, blownUp);
        Assert.False(ensemble.Status[bad].IsHealthy);
        Assert.Contains("CFL", ensemble.Status[bad].Message);
        Assert.Equal(members - 1, ensemble.HealthyMembers);
        for (int m = 0; m < members; m++)
            if (m != bad) Assert.Equal(steps, parallel.Models[m].StepCount);

        // The same members one after the other give the same states bit for bit.
        var serialEnsemble = new Ensemble(members, psi.Length);
        for (int m = 0; m < members; m++)
        {
            var x = serialEnsemble.Member(m);
            for (int i = 0; i < x.Length; i++) x[i] = psi[i] * (1 + 1e-3 * m) * (m == bad ? 200 : 1);
        }
        using var serial = new EnsembleRunner(_ => new TwoLayerQgModel(g, QgParameters.Truth), members, maxDegreeOfParallelism: 1);
        serial.SetStates(serialEnsemble);
        serial.Advance(serialEnsemble, steps);
        Assert.Equal(Bits(serialEnsemble.Data.ToArray()), Bits(ensemble.Data.ToArray()));
    }

    [Fact]
    public void ReadingTheStateAllocatesNothing()
    {
        var g = Grid.Default;
        using var model = new TwoLayerQgModel(g, QgParameters.Truth);
        model.SetState(SpunUpPsi.Value);
        model.Advance(2);
        var buffer = new double[model.StateSize];
        model.CopyState(buffer);   // first call computes the physical fields (no allocation either, but warm up the JIT)
        model.Advance(1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        model.CopyState(buffer);
        model.CopyPreviousState(buffer);
        model.Advance(1);
        model.CopyState(buffer);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    private static double MaxRelative(double[] a, double[] b)
    {
        double num = 0, den = 0;
        for (int i = 0; i < a.Length; i++) { num = Math.Max(num, Math.Abs(a[i] - b[i])); den = Math.Max(den, Math.Abs(b[i])); }
        return num / den;
    }
}
