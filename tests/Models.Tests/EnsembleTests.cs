using Science.Models.Ensembles;
using Science.Models.Lorenz;

namespace Science.Models.Tests;

/// <summary>The parallel ensemble runner: bit-for-bit equal to serial, and blow-ups confined to their member.</summary>
public class EnsembleTests
{
    private static Ensemble Initial(int members)
    {
        var x0 = LorenzTests.OnAttractor(new Lorenz96(), 500, 5);
        var ens = new Ensemble(members, 40);
        for (int m = 0; m < members; m++)
        {
            var p = ens.Member(m);
            Science.Numerics.SeedSequence.Gaussian(Science.Numerics.SeedSequence.Derive(9, m), 0.1, p);
            for (int i = 0; i < 40; i++) p[i] += x0[i];
        }
        return ens;
    }

    [Fact]
    public void ParallelEqualsSerialBitForBit()
    {
        var parallel = Initial(20);
        var serial = parallel.Clone();
        using (var runner = new EnsembleRunner(_ => new Lorenz96(), 20, maxDegreeOfParallelism: 2))
        {
            runner.SetStates(parallel);
            Assert.Equal(0, runner.Advance(parallel, 200));
        }
        using (var runner = new EnsembleRunner(_ => new Lorenz96(), 20, maxDegreeOfParallelism: 1))
        {
            runner.SetStates(serial);
            Assert.Equal(0, runner.Advance(serial, 200));
        }
        Assert.True(parallel.Data.SequenceEqual(serial.Data));
        // And the members really moved apart from their start.
        Assert.False(parallel.Data.SequenceEqual(Initial(20).Data));
    }

    [Fact]
    public void BlownUpMemberIsReportedAndOthersFinish()
    {
        var ens = Initial(20);
        for (int i = 0; i < 40; i++) ens.Member(7)[i] = 1e300 * (1 + i % 3); // (x_{i+1} − x_{i−2}) x_{i−1} overflows
        var start7 = ens.Member(7).ToArray();
        using var runner = new EnsembleRunner(_ => new Lorenz96(), 20, maxDegreeOfParallelism: 2);
        runner.SetStates(ens);
        Assert.Equal(1, runner.Advance(ens, 100));
        Assert.False(ens.Status[7].IsHealthy);
        Assert.Equal(1, ens.Status[7].Step);
        Assert.Contains("not finite", ens.Status[7].Message);
        Assert.True(ens.Member(7).SequenceEqual(start7)); // the last good state is kept
        Assert.Equal(19, ens.HealthyMembers);
        for (int m = 0; m < 20; m++)
            if (m != 7) Assert.Equal(100, runner.Models[m].StepCount);
        // The next forecast skips the blown-up member.
        Assert.Equal(0, runner.Advance(ens, 10));
        Assert.Equal(110, runner.Models[0].StepCount);
    }
}
