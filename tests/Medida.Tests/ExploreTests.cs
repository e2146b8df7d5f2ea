using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.Medida.Library;
using Science.Medida.Cases;
using Xunit.Abstractions;

namespace Science.Medida.Tests;

public sealed class ExploreTests(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        foreach (int snap in new[] { 0, 5 })
        {
            foreach (var lib in new[] { "extended", "reference,dx_psi1,dx_psi2", "reference,dx_psi1,dx_psi2,dy_psi1,dy_psi2" })
            {
                CandidateLibrary l0;
                try { l0 = CandidateLibrary.Parse(lib); } catch (Exception e) { output.WriteLine(e.Message); continue; }
                try
                {
                var ext = TestData.Discover(1009, [snap], new IncrementSettings(LibraryState.Forecast, PvBookkeeping.Consistent),
                    new DiscoverySettings { Library = l0 }, lib);
                foreach (var l in ext.Layers) { output.WriteLine($" {snap} {lib} 1009cons L{l.Layer}: {TestData.Describe(l)} std {l.TargetStd}"); output.WriteLine(TestData.SweepTable(l)); }
                } catch (Exception e) { output.WriteLine(e.Message); }
            }
            var inc = TestData.Increment(1009, [snap], new IncrementSettings(LibraryState.Estimate, PvBookkeeping.Consistent));
            var r = ModelErrorDiscovery.Discover(inc, CaseCatalogue.Get(1009), new DiscoverySettings { Library = CandidateLibrary.Extended });
            foreach (var l in r.Layers) output.WriteLine($" {snap} est 1009cons L{l.Layer}: {TestData.Describe(l)}");
        }
    }
}
