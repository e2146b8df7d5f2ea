using Science.Assimilation.Analysis;
using Science.Observing;

namespace Science.Assimilation.Tests;

/// <summary>The global analyses and the post-processing allocate nothing per cycle (buffers are made once).</summary>
public sealed class AllocationTests
{
    [Fact]
    public void GlobalAnalysesAndPostProcessingAllocateNothing()
    {
        const int n = 40, members = 24;
        var h = new IdentityObservation(n);
        var r = ObservationError.Isotropic(n, 1.0);
        var e = new double[members * n];
        Science.Numerics.SeedSequence.Gaussian(3, 1.0, e);
        var y = new double[n];
        var spread = Enumerable.Repeat(1.0, n).ToArray();
        IEnsembleAnalysis[] analyses = [new EtkfAnalysis(h, r, members, n), new PerturbedObservationAnalysis(h, r, members, n), new EtkfAnalysis(h, r, members, n, observationSpace: true)];
        var post = new AnomalyPostProcessor(members, n, 1.02, 0.3, rotate: true);
        foreach (var a in analyses) a.Analyse(e, y, y, 1);
        post.Apply(e, spread, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 10; k++)
        {
            foreach (var a in analyses) a.Analyse(e, y, y, k);
            post.Apply(e, spread, k);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
